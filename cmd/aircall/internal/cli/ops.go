package cli

import "github.com/spf13/cobra"

// addOperationCmds adds a command for every operation of the SDK's catalogue.
func (a *App) addOperationCmds(root *cobra.Command) {}
