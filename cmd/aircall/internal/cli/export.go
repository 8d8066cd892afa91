package cli

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/aircall-go/aircall"
	"github.com/spf13/cobra"
)

// saveEvery is how many items an export writes between two checkpoints.
const saveEvery = 50

// exportState is the content of an export's --checkpoint file.
type exportState struct {
	Version    int    `json:"version"`
	Resource   string `json:"resource"`
	From       string `json:"from,omitempty"`
	To         string `json:"to,omitempty"`
	Format     string `json:"format"`
	Output     string `json:"output,omitempty"`
	Offset     int64  `json:"output_offset"` // bytes of Output that hold the items exported
	Checkpoint string `json:"checkpoint,omitempty"`
	Exported   int    `json:"exported"`
	Done       bool   `json:"done,omitempty"`
}

func (a *App) newExportCmd() *cobra.Command {
	var (
		from, to, format, output, checkpoint string
	)
	cmd := &cobra.Command{
		Use:     "export calls|contacts",
		Short:   "Export every call or contact, resumable after a kill",
		GroupID: groupTools,
		Long: `Export every call or contact created between --from and --to as JSON Lines
(one item a line, as the API returns it) or CSV, past the API's 10,000-item
cap, with a progress bar on a terminal.

With --checkpoint FILE the export can be stopped at any time (Ctrl-C, a
kill, a crash, an error) and run again with the same command line: it goes
on where it stopped. With --output, the file is cut back to the last
checkpoint first, so every item is written exactly once. On standard output,
the items written after the last checkpoint (at most 50) are written again.

The listing's window ends when the export starts, so calls made meanwhile
wait for the next export.`,
		Example: `  aircall export calls --from 2026-11-01 --to 2026-12-01 --output calls.jsonl --checkpoint calls.ckpt
  aircall export contacts --format csv --output contacts.csv --checkpoint contacts.ckpt
  aircall export calls --from 2026-11-29 | jq -r .raw_digits`,
		Args:      exactArgs(1),
		ValidArgs: []string{"calls", "contacts"},
		RunE: func(cmd *cobra.Command, args []string) error {
			resource := args[0]
			if resource != "calls" && resource != "contacts" {
				return usagef("export calls or contacts, not %q", resource)
			}
			if format != "jsonl" && format != "csv" {
				return usagef("--format %q: want jsonl or csv", format)
			}
			fromT, err := parseTime("from", from)
			if err != nil {
				return err
			}
			toT, err := parseTime("to", to)
			if err != nil {
				return err
			}
			want := exportState{Version: 1, Resource: resource, From: from, To: to, Format: format, Output: output}
			st, err := loadExportState(checkpoint, want)
			if err != nil {
				return err
			}
			if st.Done {
				fmt.Fprintf(a.io.Err, "This export is complete (%s); remove %s to export again.\n", plural(st.Exported, strings.TrimSuffix(resource, "s")), checkpoint)
				return nil
			}
			cl, _, err := a.client()
			if err != nil {
				return err
			}
			src, err := openExport(cl, resource, fromT, toT, st.Checkpoint)
			if err != nil {
				return err
			}
			out, closeOut, err := a.exportOutput(output, st)
			if err != nil {
				return err
			}
			defer closeOut()
			e := &exporter{app: a, state: st, path: checkpoint, src: src, out: out, resource: resource}
			return e.run(cmd)
		},
	}
	f := cmd.Flags()
	f.StringVar(&from, "from", "", "only items created at or after this `time` (2026-11-01, RFC 3339 or unix seconds)")
	f.StringVar(&to, "to", "", "only items created before this `time`")
	f.StringVar(&format, "format", "jsonl", "jsonl (the API's JSON, one item a line) or csv")
	f.StringVarP(&output, "output", "o", "", "write to `file` instead of standard output")
	f.StringVar(&checkpoint, "checkpoint", "", "keep the export's progress in `file`, to resume it after a stop")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions([]cobra.Completion{"jsonl", "csv"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

// loadExportState reads the checkpoint file, or starts a new state. A
// checkpoint made with other flags is refused.
func loadExportState(path string, want exportState) (*exportState, error) {
	st := want
	if path == "" {
		return &st, nil
	}
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return &st, nil
	}
	if err != nil {
		return nil, err
	}
	var got exportState
	if err := json.Unmarshal(b, &got); err != nil {
		return nil, usagef("--checkpoint %s is not an export checkpoint: %v", path, err)
	}
	if got.Version != want.Version || got.Resource != want.Resource || got.From != want.From || got.To != want.To ||
		got.Format != want.Format || got.Output != want.Output {
		return nil, usagef("--checkpoint %s belongs to another export (%s --from %q --to %q --format %s --output %q): "+
			"run that one again, or remove the file", path, got.Resource, got.From, got.To, got.Format, got.Output)
	}
	return &got, nil
}

// saveExportState writes the checkpoint file atomically.
func saveExportState(path string, st *exportState) error {
	b, err := json.MarshalIndent(st, "", "  ")
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".export-*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(append(b, '\n')); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// exportOutput opens where the export writes: standard output, or the
// --output file cut back to the checkpoint's offset.
func (a *App) exportOutput(path string, st *exportState) (io.Writer, func(), error) {
	if path == "" {
		return a.io.Out, func() {}, nil
	}
	flag := os.O_WRONLY | os.O_CREATE
	if st.Checkpoint == "" && st.Exported == 0 {
		flag |= os.O_TRUNC
	}
	f, err := os.OpenFile(path, flag, 0o644)
	if err != nil {
		return nil, nil, err
	}
	if fi, err := f.Stat(); err != nil || fi.Size() < st.Offset {
		f.Close()
		return nil, nil, usagef("--output %s is shorter than its checkpoint says (was it moved or cut?): remove the checkpoint file to export again", path)
	}
	if err := f.Truncate(st.Offset); err != nil {
		f.Close()
		return nil, nil, err
	}
	if _, err := f.Seek(st.Offset, io.SeekStart); err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, func() { _ = f.Close() }, nil
}

// exporter runs one export.
type exporter struct {
	app      *App
	state    *exportState
	path     string // checkpoint file; "" for none
	src      exportSource
	out      io.Writer
	resource string
	buf      *bufio.Writer
	written  int64 // bytes written to buf since the state's Offset
}

// Write buffers p for the output and counts it, so a checkpoint knows the
// file offset its items end at.
func (e *exporter) Write(p []byte) (int, error) {
	n, err := e.buf.Write(p)
	e.written += int64(n)
	return n, err
}

// save flushes what was written and records the checkpoint.
func (e *exporter) save(done bool) error {
	if err := e.buf.Flush(); err != nil {
		return err
	}
	e.state.Offset += e.written
	e.written = 0
	e.state.Checkpoint = e.src.checkpoint()
	e.state.Done = done
	if e.path == "" {
		return nil
	}
	return saveExportState(e.path, e.state)
}

func (e *exporter) run(cmd *cobra.Command) error {
	e.buf = bufio.NewWriterSize(e.out, 64<<10)
	bar := newProgressBar(e.app.io, e.resource)
	if e.state.Format == "csv" && e.state.Offset == 0 {
		if err := writeCSVRow(e, csvColumns[e.resource]); err != nil {
			return err
		}
	}
	n := 0
	for item, err := range e.src.items(cmd.Context()) {
		if err != nil {
			bar.clear()
			if serr := e.save(false); serr != nil {
				return errors.Join(err, serr)
			}
			return e.stopped(err)
		}
		if err := e.write(item); err != nil {
			return err
		}
		e.state.Exported++
		n++
		if e.app.afterItem != nil && e.app.afterItem(e.state.Exported) {
			_ = e.buf.Flush() // like a kill: written but not checkpointed
			return &exitError{ExitError, errors.New("killed (test)")}
		}
		if n%saveEvery == 0 {
			if err := e.save(false); err != nil {
				return err
			}
		}
		bar.update(e.src.progress())
	}
	bar.clear()
	if err := e.save(true); err != nil {
		return err
	}
	where := "standard output"
	if e.state.Output != "" {
		where = e.state.Output
	}
	fmt.Fprintf(e.app.io.Err, "Exported %s to %s.\n", plural(e.state.Exported, strings.TrimSuffix(e.resource, "s")), where)
	return nil
}

// stopped explains how to go on after an export stopped on err.
func (e *exporter) stopped(err error) error {
	if e.path != "" && e.state.Checkpoint != "" {
		fmt.Fprintf(e.app.io.Err, "Stopped after %s; run the same command again to resume from %s.\n",
			plural(e.state.Exported, strings.TrimSuffix(e.resource, "s")), e.path)
	}
	return err
}

// write writes one item in the export's format.
func (e *exporter) write(item any) error {
	if e.state.Format == "csv" {
		switch v := item.(type) {
		case *aircall.Call:
			return writeCSVRow(e, callRow(v))
		case *aircall.Contact:
			return writeCSVRow(e, contactRow(v))
		}
		return fmt.Errorf("cannot write %T as CSV", item)
	}
	b, err := json.Marshal(item)
	if err != nil {
		return err
	}
	_, err = e.Write(append(b, '\n'))
	return err
}
