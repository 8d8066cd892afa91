package cli

import (
	"github.com/spf13/cobra"
)

func (a *App) newCompletionCmd() *cobra.Command {
	var noDesc bool
	cmd := &cobra.Command{
		Use:       "completion bash|zsh|fish|powershell",
		Short:     "Print the shell completion script",
		GroupID:   groupTools,
		ValidArgs: []string{"bash", "zsh", "fish", "powershell"},
		Long: `Print the script that makes your shell complete aircall's commands, flags,
profile names and enum values. Load it once per session, or install it.`,
		Example: `  # bash (needs the bash-completion package)
  source <(aircall completion bash)
  aircall completion bash > /etc/bash_completion.d/aircall

  # zsh
  aircall completion zsh > "${fpath[1]}/_aircall"

  # fish
  aircall completion fish > ~/.config/fish/completions/aircall.fish

  # PowerShell
  aircall completion powershell | Out-String | Invoke-Expression`,
		Args: func(cmd *cobra.Command, args []string) error {
			if err := exactArgs(1)(cmd, args); err != nil {
				return err
			}
			if err := cobra.OnlyValidArgs(cmd, args); err != nil {
				return &usageError{err}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			root, out := cmd.Root(), a.io.Out
			switch args[0] {
			case "bash":
				return root.GenBashCompletionV2(out, !noDesc)
			case "zsh":
				if noDesc {
					return root.GenZshCompletionNoDesc(out)
				}
				return root.GenZshCompletion(out)
			case "fish":
				return root.GenFishCompletion(out, !noDesc)
			default:
				if noDesc {
					return root.GenPowerShellCompletion(out)
				}
				return root.GenPowerShellCompletionWithDesc(out)
			}
		},
	}
	cmd.Flags().BoolVar(&noDesc, "no-descriptions", false, "complete without descriptions")
	return cmd
}
