// Command export-calls writes every call of a date range on stdout, as
// JSON Lines (one call per line) or CSV, with progress on stderr:
//
//	go run ./examples/export-calls -from 2026-05-01 -to 2026-05-31 -checkpoint may.cp >> calls.jsonl
//
// -from and -to take a date (YYYY-MM-DD, in UTC; -to includes the whole
// day) or an RFC 3339 time; the default is the last 7 days. The listing
// goes past the API's 10,000-call cap and stays exact while calls are
// created or deleted.
//
// With -checkpoint FILE it can be stopped and run again: it saves where it
// stands in FILE after every page it wrote (atomically), and on Ctrl-C
// after the last call it wrote. Run the same command again, appending to
// the same output, and every call of the range appears; after a SIGKILL or
// a crash, the calls of at most one page appear twice. A finished export
// leaves FILE saying so: running again writes nothing. Delete FILE to start
// over.
//
// Progress (every 1,000 calls) gives the share done and an estimate of the
// time left at the pace of the rate limit.
//
// With AIRCALL_API_ID and AIRCALL_API_TOKEN, or AIRCALL_ACCESS_TOKEN, set it
// exports from your Aircall account (or from AIRCALL_BASE_URL), paced at
// AIRCALL_RATE_LIMIT requests per minute (default 60, the documented
// budget: an export of 10,000 calls takes about 3.5 minutes). Without
// credentials it exports the demo calls of aircalltest, an in-memory fake
// Aircall API.
package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/aircall-go/aircall"
	"github.com/aircall-go/aircall/internal/exampleenv"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "export-calls:", err)
		os.Exit(1)
	}
}

// progressEvery is how often progress is reported, in calls.
const progressEvery = 1000

func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	now := time.Now().UTC()
	flags := flag.NewFlagSet("export-calls", flag.ContinueOnError)
	flags.SetOutput(stderr)
	fromFlag := flags.String("from", now.AddDate(0, 0, -7).Format(time.DateOnly), "first day (YYYY-MM-DD) or time (RFC 3339) of the range")
	toFlag := flags.String("to", now.Format(time.DateOnly), "last day (YYYY-MM-DD, included) or time (RFC 3339) of the range")
	cpFile := flags.String("checkpoint", "", "file where the export saves where it stands, to resume after a stop")
	format := flags.String("format", "jsonl", "output format: jsonl or csv")
	if err := flags.Parse(args); err != nil {
		return err
	}
	from, err := parseBound(*fromFlag, false)
	if err != nil {
		return fmt.Errorf("-from: %w", err)
	}
	to, err := parseBound(*toFlag, true)
	if err != nil {
		return fmt.Errorf("-to: %w", err)
	}
	if to.Before(from) {
		return fmt.Errorf("-to (%s) is before -from (%s)", *toFlag, *fromFlag)
	}
	if *format != "jsonl" && *format != "csv" {
		return fmt.Errorf("-format must be jsonl or csv, got %q", *format)
	}

	var store aircall.FileStore
	var key string
	var saved aircall.Checkpoint
	if *cpFile != "" {
		store, key = aircall.FileStore{Dir: filepath.Dir(*cpFile)}, filepath.Base(*cpFile)
		b, err := store.Load(ctx, key)
		if err != nil {
			return fmt.Errorf("-checkpoint: %w", err)
		}
		saved = aircall.Checkpoint(strings.TrimSpace(string(b)))
	}

	client, perMinute, done, err := exampleenv.Connect(getenv, stderr, exampleenv.Options{What: "exporting the demo calls of"})
	if err != nil {
		return err
	}
	defer done()
	pager, err := client.Calls.ListPager(&aircall.CallListOptions{From: from, To: to}, saved)
	if err != nil {
		return fmt.Errorf("-checkpoint %s: %w (delete it to start over)", *cpFile, err)
	}

	w := newWriter(*format, stdout, saved == "")
	save := func() error {
		if err := w.flush(); err != nil {
			return err
		}
		if *cpFile == "" {
			return nil
		}
		// Written first, saved after: a crash in between repeats calls,
		// never loses one.
		return store.Save(context.WithoutCancel(ctx), key, []byte(pager.Checkpoint()+"\n"))
	}
	n := 0
	for call, err := range pager.All(ctx) {
		if err != nil {
			if serr := save(); serr != nil {
				return errors.Join(err, serr)
			}
			return fmt.Errorf("after %d calls: %w", n, err)
		}
		if err := w.write(call); err != nil {
			return err
		}
		n++
		if n%aircall.IterPerPage == 0 {
			if err := save(); err != nil {
				return err
			}
		}
		if n%progressEvery == 0 {
			fmt.Fprintln(stderr, progressLine(pager.Progress(), call, perMinute))
		}
	}
	if err := save(); err != nil {
		return err
	}
	p := pager.Progress()
	fmt.Fprintf(stderr, "exported %d calls from %s to %s (%d in this run)\n", p.Yielded, from.Format(time.RFC3339), to.Format(time.RFC3339), n)
	return nil
}

// progressLine says how far the export is and, paced at perMinute
// requests a minute, about how long is left.
func progressLine(p aircall.Progress, last *aircall.Call, perMinute int) string {
	total := strconv.Itoa(p.Total)
	if p.TotalCapped {
		total = "at least " + total
	}
	s := fmt.Sprintf("exported %d of %s calls (%.0f%%), up to %s", p.Yielded, total, p.Percent(), last.StartedAt.UTC().Format(time.RFC3339))
	if perMinute > 0 {
		pages := (p.Total - p.Yielded + aircall.IterPerPage - 1) / aircall.IterPerPage
		eta := time.Duration(pages) * time.Minute / time.Duration(perMinute)
		s += fmt.Sprintf(", about %s left at %d requests/minute", eta.Round(time.Second), perMinute)
	}
	return s
}

// writer writes calls in one format. It gathers them (a page at most) and
// flush hands them to out in one write, so that a kill leaves whole lines.
type writer struct {
	out   io.Writer
	buf   bytes.Buffer
	json  *json.Encoder
	csv   *csv.Writer
	start bool // the CSV header is still to write
}

func newWriter(format string, out io.Writer, fresh bool) *writer {
	w := &writer{out: out, start: fresh}
	if format == "csv" {
		w.csv = csv.NewWriter(&w.buf)
	} else {
		w.json = json.NewEncoder(&w.buf)
	}
	return w
}

// csvHeader names the CSV columns.
var csvHeader = []string{"id", "started_at", "answered_at", "ended_at", "direction", "status", "missed_call_reason",
	"duration", "raw_digits", "user_id", "user_email", "number_id", "number_digits", "contact_id", "tags", "archived", "recording"}

func (w *writer) write(c *aircall.Call) error {
	if w.json != nil {
		return w.json.Encode(c)
	}
	if w.start {
		w.start = false
		if err := w.csv.Write(csvHeader); err != nil {
			return err
		}
	}
	at := func(t aircall.Timestamp) string {
		if t.IsZero() {
			return ""
		}
		return t.UTC().Format(time.RFC3339)
	}
	id := func(v int64) string {
		if v == 0 {
			return ""
		}
		return strconv.FormatInt(v, 10)
	}
	var userID, numberID, contactID int64
	var email, digits string
	if c.User != nil {
		userID, email = c.User.ID, c.User.Email
	}
	if c.Number != nil {
		numberID, digits = c.Number.ID, c.Number.Digits
	}
	if c.Contact != nil {
		contactID = c.Contact.ID
	}
	var tags []string
	for _, t := range c.Tags {
		tags = append(tags, t.Name)
	}
	return w.csv.Write([]string{strconv.FormatInt(c.ID, 10), at(c.StartedAt), at(c.AnsweredAt), at(c.EndedAt),
		string(c.Direction), string(c.Status), string(c.MissedCallReason), strconv.Itoa(c.Duration), c.RawDigits,
		id(userID), email, id(numberID), digits, id(contactID), strings.Join(tags, ";"), strconv.FormatBool(c.Archived), c.Recording})
}

func (w *writer) flush() error {
	if w.csv != nil {
		w.csv.Flush()
		if err := w.csv.Error(); err != nil {
			return err
		}
	}
	_, err := w.out.Write(w.buf.Bytes())
	w.buf.Reset()
	return err
}

// parseBound reads a date or an RFC 3339 time; a date as an upper bound
// means the last second of that day.
func parseBound(s string, upper bool) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is neither a date (YYYY-MM-DD) nor an RFC 3339 time", s)
	}
	if upper {
		d = d.AddDate(0, 0, 1).Add(-time.Second)
	}
	return d, nil
}
