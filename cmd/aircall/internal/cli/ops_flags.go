package cli

import (
	"encoding/json"
	"strconv"
	"time"

	"github.com/spf13/cobra"
)

// addParamFlag adds the flag of one parameter and returns a function that
// reads it: (value, set, error). Times take dates, RFC 3339 or unix seconds;
// arrays take comma-separated or repeated values; objects take JSON.
func addParamFlag(cmd *cobra.Command, p paramSpec) func() (any, bool, error) {
	f := cmd.Flags()
	name := flagName(p.Name)
	usage := p.Description
	if len(p.Enum) > 0 {
		b, _ := json.Marshal(p.Enum)
		usage += " One of " + string(b) + "."
	}
	changed := func() bool { return f.Changed(name) }
	switch {
	case isTimeParam(p):
		v := f.String(name, "", usage+" (a date such as 2026-11-01, an RFC 3339 time or unix seconds)")
		return func() (any, bool, error) {
			if !changed() {
				return nil, false, nil
			}
			t, err := parseTime(name, *v)
			if err != nil {
				return nil, false, err
			}
			if p.Type == "integer" {
				return t.Unix(), true, nil
			}
			return t.Format(time.RFC3339), true, nil
		}
	case p.Type == "integer":
		v := f.Int64(name, 0, usage)
		return func() (any, bool, error) { return *v, changed(), nil }
	case p.Type == "number":
		v := f.Float64(name, 0, usage)
		return func() (any, bool, error) { return *v, changed(), nil }
	case p.Type == "boolean":
		v := f.Bool(name, false, usage)
		return func() (any, bool, error) { return *v, changed(), nil }
	case p.Type == "array" && (p.Items == "integer" || p.Items == "string" || p.Items == ""):
		v := f.StringSlice(name, nil, usage+" (comma-separated or repeated)")
		return func() (any, bool, error) {
			if !changed() {
				return nil, false, nil
			}
			if p.Items != "integer" {
				return *v, true, nil
			}
			out := make([]int64, len(*v))
			for i, s := range *v {
				n, err := strconv.ParseInt(s, 10, 64)
				if err != nil {
					return nil, false, usagef("--%s: %q is not an integer", name, s)
				}
				out[i] = n
			}
			return out, true, nil
		}
	case p.Type == "array" || p.Type == "object":
		v := f.String(name, "", usage+" (JSON)")
		return func() (any, bool, error) {
			if !changed() {
				return nil, false, nil
			}
			var x any
			if err := json.Unmarshal([]byte(*v), &x); err != nil {
				return nil, false, usagef("--%s: invalid JSON: %v", name, err)
			}
			return x, true, nil
		}
	}
	v := f.String(name, "", usage)
	return func() (any, bool, error) { return *v, changed(), nil }
}
