package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"

	"github.com/aircall-go/aircall"
	"github.com/spf13/cobra"
)

// addWorkflowCmds adds the SDK's workflow helpers next to the operations of
// their resource: tagging a call by tag names, downloading its media.
func (a *App) addWorkflowCmds(root *cobra.Command) {
	for _, c := range root.Commands() {
		if c.Name() == "calls" {
			c.AddCommand(a.newCallsTagCmd(), a.newCallsDownloadCmd("recording"), a.newCallsDownloadCmd("voicemail"))
		}
	}
}

// callID reads a call id argument.
func callID(s string) (int64, error) {
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, usagef("<call_id> must be an integer, not %q", s)
	}
	return id, nil
}

func (a *App) newCallsTagCmd() *cobra.Command {
	var names []string
	cmd := &cobra.Command{
		Use:   "tag <call_id> --tag NAME...",
		Short: "Tag a call by tag names, creating the missing tags",
		Long: `Tag a call with the tags named (compared case-insensitively), creating the
tags that do not exist yet, in one request to the call (Calls.AddTagsByName).
Prints the tags added.`,
		Example: `  aircall calls tag 841 --tag follow_up
  aircall calls tag 841 --tag vip --tag "Needs callback" --json`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := callID(args[0])
			if err != nil {
				return err
			}
			cl, _, err := a.client()
			if err != nil {
				return err
			}
			tags, err := cl.Calls.AddTagsByName(cmd.Context(), id, names...)
			if err != nil {
				return err
			}
			l := a.printer(cmd.Context()).list(tableColumns["tags"]...)
			for _, t := range tags {
				if err := l.add(t); err != nil {
					return err
				}
			}
			return l.close()
		},
	}
	cmd.Flags().StringArrayVar(&names, "tag", nil, "a tag `name` (repeat for more)")
	_ = cmd.MarkFlagRequired("tag")
	return cmd
}

func (a *App) newCallsDownloadCmd(media string) *cobra.Command {
	var output string
	cmd := &cobra.Command{
		Use:   "download-" + media + " <call_id>",
		Short: "Download the " + media + " of a call (mp3)",
		Long: `Download the ` + media + ` of a call (an mp3) from its fresh, presigned link: the
link is asked for again if it expired meanwhile, and your Aircall credentials
are never sent to the storage host. Writes to --output, or to standard output
when it is not a terminal. Exit code 4 when the call has no ` + media + `.`,
		Example: `  aircall calls download-` + media + ` 841 --output call-841.mp3
  aircall calls download-` + media + ` 841 > call-841.mp3`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := callID(args[0])
			if err != nil {
				return err
			}
			var w io.Writer = a.io.Out
			if output == "" && a.io.OutTTY {
				return usagef("give --output FILE, or redirect standard output: an mp3 on a terminal is noise")
			}
			var f *os.File
			if output != "" {
				if f, err = os.Create(output); err != nil {
					return err
				}
				w = f
			}
			cl, _, err := a.client()
			if err != nil {
				return err
			}
			var n int64
			if media == "recording" {
				n, err = cl.Calls.DownloadRecording(cmd.Context(), id, w)
			} else {
				n, err = cl.Calls.DownloadVoicemail(cmd.Context(), id, w)
			}
			if f != nil {
				if cerr := f.Close(); err == nil {
					err = cerr
				}
			}
			if errors.Is(err, aircall.ErrNoRecording) || errors.Is(err, aircall.ErrNoVoicemail) {
				return &exitError{ExitNotFound, err}
			}
			if err != nil {
				return err
			}
			fmt.Fprintf(a.io.Err, "Downloaded %d bytes.\n", n)
			return nil
		},
	}
	cmd.Flags().StringVarP(&output, "output", "o", "", "write to `file`")
	return cmd
}
