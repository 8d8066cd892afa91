package cli

import "github.com/spf13/cobra"

func (a *App) newExportCmd() *cobra.Command {
	return &cobra.Command{Use: "export", Short: "Export calls or contacts", GroupID: groupTools, Hidden: true}
}
