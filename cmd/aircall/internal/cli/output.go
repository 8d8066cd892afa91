package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/itchyny/gojq"
)

// printer writes command results to standard output in the format the
// global flags chose: a table (the default), JSON (--json: indented for one
// object, JSON Lines for lists) or the results of a jq expression (--jq, run
// on the object, or on each item of a list).
type printer struct {
	ctx  context.Context
	w    io.Writer
	tty  bool
	json bool
	jq   *gojq.Code
}

func (a *App) printer(ctx context.Context) *printer {
	p := &printer{ctx: ctx, w: a.io.Out, tty: a.io.OutTTY, json: a.jsonOut}
	if a.jq != "" {
		p.jq, _ = compileJQ(a.jq) // checked in PersistentPreRunE
	}
	return p
}

// compileJQ parses a jq expression.
func compileJQ(expr string) (*gojq.Code, error) {
	q, err := gojq.Parse(expr)
	if err != nil {
		return nil, fmt.Errorf("--jq: %w", err)
	}
	code, err := gojq.Compile(q)
	if err != nil {
		return nil, fmt.Errorf("--jq: %w", err)
	}
	return code, nil
}

// toJSON encodes v (a model, or raw JSON bytes) and decodes it into the
// generic values jq works on, keeping numbers exact.
func toJSON(v any) (raw []byte, generic any, err error) {
	switch b := v.(type) {
	case json.RawMessage:
		raw = b
	case []byte:
		raw = b
	default:
		if raw, err = json.Marshal(v); err != nil {
			return nil, nil, err
		}
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&generic); err != nil {
		return nil, nil, fmt.Errorf("decoding the answer: %w", err)
	}
	return raw, generic, nil
}

// value prints one result.
func (p *printer) value(v any) error {
	raw, g, err := toJSON(v)
	if err != nil {
		return err
	}
	switch {
	case p.jq != nil:
		return p.runJQ(g)
	case p.json:
		var buf bytes.Buffer
		if err := json.Indent(&buf, raw, "", "  "); err != nil {
			return err
		}
		buf.WriteByte('\n')
		_, err := p.w.Write(buf.Bytes())
		return err
	}
	return writeRecord(p.w, raw, g, p.tty)
}

// runJQ prints the results of the jq expression on v: strings as raw lines,
// anything else as compact JSON.
func (p *printer) runJQ(v any) error {
	iter := p.jq.RunWithContext(p.ctx, v)
	for {
		out, ok := iter.Next()
		if !ok {
			return nil
		}
		if err, ok := out.(error); ok {
			if he, ok := err.(*gojq.HaltError); ok && he.Value() == nil {
				return nil
			}
			return fmt.Errorf("--jq: %w", err)
		}
		if s, ok := out.(string); ok {
			if _, err := fmt.Fprintln(p.w, s); err != nil {
				return err
			}
			continue
		}
		b, err := gojq.Marshal(out)
		if err != nil {
			return err
		}
		if _, err := fmt.Fprintf(p.w, "%s\n", b); err != nil {
			return err
		}
	}
}

// list starts printing a list, one item at a time; a table shows cols
// (nil: the first fields of the items).
func (p *printer) list(cols ...string) *listPrinter {
	return &listPrinter{p: p, table: table{cols: cols}}
}

// listPrinter prints the items of a list as they come: JSON Lines and jq
// results at once, a table when the list ends (to align its columns).
type listPrinter struct {
	p     *printer
	n     int
	table table
}

// add prints (or, for a table, keeps) one item.
func (l *listPrinter) add(v any) error {
	raw, g, err := toJSON(v)
	if err != nil {
		return err
	}
	l.n++
	switch {
	case l.p.jq != nil:
		return l.p.runJQ(g)
	case l.p.json:
		var buf bytes.Buffer
		if err := json.Compact(&buf, raw); err != nil {
			return err
		}
		buf.WriteByte('\n')
		_, err := l.p.w.Write(buf.Bytes())
		return err
	}
	l.table.add(raw, g)
	return nil
}

// close ends the list: it prints the table, if any.
func (l *listPrinter) close() error {
	if l.p.jq != nil || l.p.json {
		return nil
	}
	return l.table.write(l.p.w, l.p.tty)
}

// count is the number of items printed.
func (l *listPrinter) count() int { return l.n }

// plural says "1 call", "2 calls".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %s", n, strings.TrimSuffix(word, "s")+"s")
}
