package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"

	"github.com/aircall-go/aircall"
	"github.com/spf13/cobra"
)

func (a *App) newAPICmd() *cobra.Command {
	var (
		raw, typed []string
		input      string
		paginate   bool
		include    bool
	)
	cmd := &cobra.Command{
		Use:     "api [METHOD] PATH",
		Short:   "Send a raw request to the API",
		GroupID: groupTools,
		Long: `Send a request to any endpoint of the API and print the JSON answer, like
"gh api". The SDK still authenticates, paces the request under the rate
limit, retries what is safe to retry and checks the path stays on the API host.

METHOD defaults to GET, or POST when fields are given (without --paginate). Fields given with -f
(strings) or -F (typed: numbers, true, false, null, [..] and {..} as JSON,
@file for a file's content) go in the query string of a GET or DELETE and in
the JSON body of other methods; --input FILE sends a body as is ("-" reads
standard input).

With --paginate, list answers are followed through meta.next_page_link and
every page is printed (one compact JSON document a line).

An error answer is printed to standard output too, and the exit code tells
what happened (see "aircall --help").`,
		Example: `  aircall api /v1/company
  aircall api GET /v1/calls -f order=desc -F per_page=5 --jq '.calls[].id'
  aircall api POST /v1/contacts -f first_name=Ada -F 'phone_numbers=[{"label":"Work","value":"+33612345678"}]'
  aircall api PUT /v1/users/456 --input user.json
  aircall api /v1/tags --paginate --jq '.tags[].name'`,
		Args: rangeArgs(1, 2),
		RunE: func(cmd *cobra.Command, args []string) error {
			method, path := "", args[len(args)-1]
			if len(args) == 2 {
				method = strings.ToUpper(args[0])
			}
			fields, err := parseFields(raw, typed)
			if err != nil {
				return err
			}
			if method == "" {
				method = http.MethodGet
				if !paginate && (len(fields) > 0 || input != "") {
					method = http.MethodPost
				}
			}
			var body any
			if method == http.MethodGet || method == http.MethodDelete || method == http.MethodHead {
				if input != "" {
					return usagef("--input needs a method with a body, not %s", method)
				}
				if path, err = addQuery(path, fields); err != nil {
					return err
				}
			} else if input != "" {
				if len(fields) > 0 {
					return usagef("give fields or --input, not both")
				}
				b, err := readInput(a, input)
				if err != nil {
					return err
				}
				body = json.RawMessage(b)
			} else if len(fields) > 0 {
				body = fields
			}
			cl, _, err := a.client()
			if err != nil {
				return err
			}
			p := a.printer(cmd.Context())
			for {
				req, err := cl.NewRequest(cmd.Context(), method, path, body)
				if err != nil {
					return err
				}
				var buf bytes.Buffer
				resp, err := cl.Do(req, &buf)
				if include && resp != nil {
					fmt.Fprintf(a.io.Out, "%s %s\n", resp.Proto, resp.Status)
					_ = resp.Header.Write(a.io.Out)
					fmt.Fprintln(a.io.Out)
				}
				if err != nil {
					var er *aircall.ErrorResponse
					if errors.As(err, &er) && len(er.Body) > 0 {
						_ = p.value(json.RawMessage(er.Body))
					}
					return err
				}
				if buf.Len() == 0 {
					return nil
				}
				if !paginate {
					return p.value(json.RawMessage(buf.Bytes()))
				}
				var c bytes.Buffer
				if err := json.Compact(&c, buf.Bytes()); err != nil {
					return err
				}
				if p.jq != nil || p.json || !a.io.OutTTY {
					if err := p.pageLine(c.Bytes()); err != nil {
						return err
					}
				} else if err := p.value(json.RawMessage(c.Bytes())); err != nil {
					return err
				}
				next := nextPageLink(buf.Bytes())
				if next == "" {
					return nil
				}
				path, body = next, nil
			}
		},
	}
	f := cmd.Flags()
	f.StringArrayVarP(&raw, "raw-field", "f", nil, "add a string `key=value` field")
	f.StringArrayVarP(&typed, "field", "F", nil, "add a typed `key=value` field (number, true, false, null, JSON, @file)")
	f.StringVar(&input, "input", "", "send the content of `file` as the request body (- for standard input)")
	f.BoolVar(&paginate, "paginate", false, "follow meta.next_page_link and print every page")
	f.BoolVarP(&include, "include", "i", false, "print the status line and headers before the body")
	cmd.ValidArgsFunction = func(_ *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if len(args) == 0 {
			return []cobra.Completion{"GET", "POST", "PUT", "DELETE", "/v1/"}, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
		}
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	return cmd
}

// pageLine prints one page of --paginate as a line (or its jq results).
func (p *printer) pageLine(page []byte) error {
	if p.jq != nil {
		_, g, err := toJSON(json.RawMessage(page))
		if err != nil {
			return err
		}
		return p.runJQ(g)
	}
	_, err := fmt.Fprintf(p.w, "%s\n", page)
	return err
}

// parseFields reads -f key=value (strings) and -F key=value (typed) fields.
func parseFields(raw, typed []string) (map[string]any, error) {
	fields := map[string]any{}
	for _, kv := range raw {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || k == "" {
			return nil, usagef("-f %q: want key=value", kv)
		}
		fields[k] = v
	}
	for _, kv := range typed {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || k == "" {
			return nil, usagef("-F %q: want key=value", kv)
		}
		val, err := typedValue(v)
		if err != nil {
			return nil, usagef("-F %s: %v", k, err)
		}
		fields[k] = val
	}
	return fields, nil
}

// typedValue reads a -F value: @file, JSON literals, numbers, else a string.
func typedValue(v string) (any, error) {
	if name, ok := strings.CutPrefix(v, "@"); ok {
		b, err := os.ReadFile(name)
		if err != nil {
			return nil, err
		}
		return strings.TrimRight(string(b), "\n"), nil
	}
	switch v {
	case "true":
		return true, nil
	case "false":
		return false, nil
	case "null":
		return nil, nil
	}
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		return n, nil
	}
	if f, err := strconv.ParseFloat(v, 64); err == nil {
		return f, nil
	}
	if strings.HasPrefix(v, "[") || strings.HasPrefix(v, "{") {
		var x any
		if err := json.Unmarshal([]byte(v), &x); err != nil {
			return nil, fmt.Errorf("invalid JSON: %w", err)
		}
		return x, nil
	}
	return v, nil
}

// addQuery adds fields to the query string of path (arrays as repeated keys
// with [] as Aircall expects, e.g. ids[]=1&ids[]=2).
func addQuery(path string, fields map[string]any) (string, error) {
	if len(fields) == 0 {
		return path, nil
	}
	u, err := url.Parse(path)
	if err != nil {
		return "", usagef("invalid path %q", path)
	}
	q := u.Query()
	for k, v := range fields {
		switch x := v.(type) {
		case []any:
			for _, e := range x {
				q.Add(strings.TrimSuffix(k, "[]")+"[]", fmt.Sprint(e))
			}
		case nil:
			q.Set(k, "")
		case map[string]any:
			return "", usagef("field %s: objects cannot go in a query string", k)
		default:
			q.Set(k, fmt.Sprint(x))
		}
	}
	u.RawQuery = q.Encode()
	return u.String(), nil
}

// readInput reads --input: a file, or standard input for "-".
func readInput(a *App, name string) ([]byte, error) {
	var b []byte
	var err error
	if name == "-" {
		var buf bytes.Buffer
		_, err = buf.ReadFrom(a.io.In)
		b = buf.Bytes()
	} else {
		b, err = os.ReadFile(name)
	}
	if err != nil {
		return nil, err
	}
	if !json.Valid(b) {
		return nil, usagef("--input %s is not valid JSON", name)
	}
	return b, nil
}

// nextPageLink returns meta.next_page_link of a list answer, or "".
func nextPageLink(body []byte) string {
	var page struct {
		Meta struct {
			Next string `json:"next_page_link"`
		} `json:"meta"`
	}
	_ = json.Unmarshal(body, &page)
	return page.Meta.Next
}
