package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"sort"
	"strconv"
	"strings"

	"github.com/aircall-go/aircall"
	"github.com/spf13/cobra"
)

// opSpec is what a generated command knows of an operation of the SDK's
// catalogue (aircall.Operation).
type opSpec struct {
	ID, Method, Path, Summary, Description string
	GoMethods                              []string
	Params                                 []paramSpec
	Paginated, Destructive, ReachesPerson  bool
	ResponseKey                            string
}

// paramSpec is one parameter of an operation.
type paramSpec struct {
	Name, In, Type, Format, Description string
	Items                               string // item type of an array ("integer", "string", "object")
	Required                            bool
	Enum                                []string
}

// pathParams returns the path parameters in the order of the path.
func (op opSpec) pathParams() []paramSpec {
	var out []paramSpec
	for _, seg := range strings.Split(op.Path, "/") {
		name, ok := strings.CutPrefix(seg, ":")
		if !ok {
			continue
		}
		for _, p := range op.Params {
			if p.Name == name {
				out = append(out, p)
			}
		}
	}
	return out
}

// reservedFlags are flags of the command itself, never parameters.
var reservedFlags = map[string]bool{"json": true, "jq": true, "profile": true, "verbose": true, "help": true,
	"limit": true, "all": true, "yes": true, "data": true}

// commandName turns "users.start_call" into ("users", "start-call"). The
// operations of the client itself ("client.ping") go on the root.
func commandName(id string) (group, verb string) {
	group, verb, _ = strings.Cut(id, ".")
	dash := func(s string) string { return strings.NewReplacer("_", "-", ".", "-").Replace(s) }
	if group == "client" {
		return "", dash(verb)
	}
	return dash(group), dash(verb)
}

// flagName turns "tag_ids" into "tag-ids".
func flagName(param string) string { return strings.ReplaceAll(param, "_", "-") }

// isTimeParam reports parameters given as times on the command line.
func isTimeParam(p paramSpec) bool {
	if p.Format == "date-time" {
		return true
	}
	d := strings.ToLower(p.Description)
	return (p.Name == "from" || p.Name == "to") && (p.Type == "integer" || strings.Contains(d, "timestamp") || strings.Contains(d, "date"))
}

// addOperationCmds adds a command for every operation of the catalogue,
// grouped by resource ("aircall calls list").
func (a *App) addOperationCmds(root *cobra.Command) {
	a.addOps(root, catalogue())
}

func (a *App) addOps(root *cobra.Command, ops []opSpec) {
	groups := map[string]*cobra.Command{}
	byID := map[string]opSpec{}
	for _, op := range ops {
		byID[op.ID] = op
	}
	for _, op := range ops {
		group, verb := commandName(op.ID)
		parent := root
		if group != "" {
			parent = groups[group]
			if parent == nil {
				short := groupShort[group]
				if short == "" {
					short = "Operations on " + strings.ReplaceAll(group, "-", " ")
				}
				parent = &cobra.Command{
					Use:     group + " <command>",
					Short:   short,
					GroupID: groupAPI,
					Args:    noArgs,
				}
				groups[group] = parent
				root.AddCommand(parent)
			}
		}
		cmd := a.newOpCmd(op, verb)
		if ps := op.pathParams(); len(ps) > 0 && ps[0].Name == "id" && ps[0].Type == "integer" {
			if list, ok := byID[strings.SplitN(op.ID, ".", 2)[0]+".list"]; ok {
				cmd.ValidArgsFunction = a.completeIDs(list)
			}
		}
		if group == "" {
			cmd.GroupID = groupAPI
		}
		parent.AddCommand(cmd)
		if group != "" && strings.Count(parent.Example, "\n") < 3 {
			parent.Example += cmd.Example[:strings.IndexByte(cmd.Example+"\n", '\n')] + "\n"
		}
	}
	for _, g := range groups {
		g.Example = strings.TrimRight(g.Example, "\n")
	}
}

// newOpCmd builds the command of one operation.
func (a *App) newOpCmd(op opSpec, verb string) *cobra.Command {
	paths := op.pathParams()
	use := verb
	for _, p := range paths {
		use += " <" + p.Name + ">"
	}
	var (
		limit int
		all   bool
		yes   bool
		data  string
	)
	setters := map[string]func() (any, bool, error){}
	cmd := &cobra.Command{
		Use:   use,
		Short: shortHelp(op),
		Long:  longHelp(op),
		Args:  exactArgs(len(paths)),
		RunE: func(cmd *cobra.Command, posArgs []string) error {
			args := map[string]any{}
			if data != "" {
				b, err := dataArg(a, data)
				if err != nil {
					return err
				}
				if err := json.Unmarshal(b, &args); err != nil {
					return usagef("--data: want a JSON object: %v", err)
				}
			}
			for i, p := range paths {
				v, err := convertArg(p, posArgs[i])
				if err != nil {
					return err
				}
				args[p.Name] = v
			}
			for name, set := range setters {
				v, ok, err := set()
				if err != nil {
					return err
				}
				if ok {
					args[name] = v
				}
			}
			if op.Destructive && !yes {
				if err := a.confirm(op, posArgs); err != nil {
					return err
				}
			}
			cl, _, err := a.client()
			if err != nil {
				return err
			}
			if op.Paginated {
				if limit <= 0 && !all {
					return usagef("--limit must be positive")
				}
				if all {
					limit = 0
				}
				return a.runList(cmd.Context(), cl, op, args, limit)
			}
			raw, err := json.Marshal(args)
			if err != nil {
				return err
			}
			res, _, err := invokeOp(cmd.Context(), cl, op.ID, raw)
			if err != nil {
				return err
			}
			if res == nil {
				if a.io.ErrTTY {
					fmt.Fprintln(a.io.Err, "Done.")
				}
				return nil
			}
			return a.printer(cmd.Context()).value(res)
		},
	}
	f := cmd.Flags()
	for _, p := range op.Params {
		if p.In == "path" || reservedFlags[flagName(p.Name)] || (op.Paginated && (p.Name == "page" || p.Name == "per_page")) {
			continue
		}
		setters[p.Name] = addParamFlag(cmd, p)
		if p.Required {
			_ = cmd.MarkFlagRequired(flagName(p.Name))
		}
		if len(p.Enum) > 0 {
			_ = cmd.RegisterFlagCompletionFunc(flagName(p.Name), cobra.FixedCompletions(p.Enum, cobra.ShellCompDirectiveNoFileComp))
		}
	}
	f.StringVar(&data, "data", "", "all arguments as a JSON object (@file reads a file, - standard input); flags win")
	if op.Paginated {
		f.IntVarP(&limit, "limit", "L", 30, "print at most `N` items")
		f.BoolVar(&all, "all", false, "print every item, page after page")
		cmd.MarkFlagsMutuallyExclusive("limit", "all")
	}
	if op.Destructive {
		f.BoolVarP(&yes, "yes", "y", false, "do not ask for confirmation")
	}
	cmd.Example = opExample(op, verb, paths)
	cmd.ValidArgsFunction = cobra.NoFileCompletions
	return cmd
}

// completeIDs completes an id argument with the first page of the
// resource's list (ids described by their names), when credentials work.
func (a *App) completeIDs(list opSpec) cobra.CompletionFunc {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		cl, _, err := a.client()
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		res, _, err := invokeOp(cmd.Context(), cl, list.ID, json.RawMessage(`{"per_page":50}`))
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		_, g, err := toJSON(res)
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		items, _ := g.([]any)
		var out []cobra.Completion
		for _, it := range items {
			obj, _ := it.(map[string]any)
			id, ok := obj["id"].(json.Number)
			if !ok || !strings.HasPrefix(id.String(), toComplete) {
				continue
			}
			desc := summarize("", obj["name"])
			if desc == "" {
				desc = strings.TrimSpace(summarize("", obj["first_name"]) + " " + summarize("", obj["last_name"]))
			}
			out = append(out, cobra.CompletionWithDesc(id.String(), desc))
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}

// runList prints the items of a list operation: through the SDK's iterator
// when it has one (it goes past the API's 10,000-item cap), else page after
// page through Invoke.
func (a *App) runList(ctx context.Context, cl *aircall.Client, op opSpec, args map[string]any, limit int) error {
	seq, ok, err := sdkIterator(ctx, cl, op, args)
	if err != nil {
		return err
	}
	if !ok {
		seq = invokePages(ctx, cl, op, args)
	}
	group, _ := commandName(op.ID)
	var cols []string
	if _, verb, _ := strings.Cut(op.ID, "."); verb == "list" || verb == "search" {
		cols = tableColumns[group]
	}
	l := a.printer(ctx).list(cols...)
	for item, err := range seq {
		if err != nil {
			if cerr := l.close(); cerr != nil {
				return errors.Join(err, cerr)
			}
			return err
		}
		if err := l.add(item); err != nil {
			return err
		}
		if limit > 0 && l.count() >= limit {
			break
		}
	}
	if l.count() == 0 && a.io.ErrTTY && !a.jsonOut && a.jq == "" {
		fmt.Fprintln(a.io.Err, "Nothing found.")
	}
	return l.close()
}

// invokePages runs a list operation page after page (per_page 50) through
// Invoke, following the API's meta.
func invokePages(ctx context.Context, cl *aircall.Client, op opSpec, args map[string]any) iter.Seq2[any, error] {
	return func(yield func(any, error) bool) {
		for page := 1; ; page++ {
			args["page"], args["per_page"] = page, aircall.MaxPerPage
			raw, err := json.Marshal(args)
			if err != nil {
				yield(nil, err)
				return
			}
			res, resp, err := invokeOp(ctx, cl, op.ID, raw)
			if err != nil {
				yield(nil, err)
				return
			}
			_, g, err := toJSON(res)
			if err != nil {
				yield(nil, err)
				return
			}
			items, _ := g.([]any)
			for _, it := range items {
				if !yield(it, nil) {
					return
				}
			}
			if len(items) == 0 || resp == nil || resp.Meta == nil || resp.Meta.NextPageLink == "" {
				return
			}
		}
	}
}

// confirm asks before a destructive operation; without a terminal --yes is needed.
func (a *App) confirm(op opSpec, posArgs []string) error {
	what := op.ID + " " + strings.Join(posArgs, " ")
	if !a.io.InTTY {
		return usagef("%s cannot be undone: add --yes to confirm", strings.TrimSpace(what))
	}
	answer, err := a.io.prompt(fmt.Sprintf("%s cannot be undone. Go on? [y/N] ", strings.TrimSpace(what)), false)
	if err != nil {
		return err
	}
	if a := strings.ToLower(answer); a != "y" && a != "yes" {
		return &exitError{ExitCancelled, errors.New("not confirmed")}
	}
	return nil
}

// dataArg reads --data: JSON, @file or - for standard input.
func dataArg(a *App, data string) ([]byte, error) {
	switch {
	case data == "-":
		return readInput(a, "-")
	case strings.HasPrefix(data, "@"):
		return readInput(a, data[1:])
	}
	return []byte(data), nil
}

// convertArg converts a positional argument to its parameter's JSON type.
func convertArg(p paramSpec, s string) (any, error) {
	if p.Type == "integer" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return nil, usagef("<%s> must be an integer, not %q", p.Name, s)
		}
		return n, nil
	}
	return s, nil
}

// groupShort describes the resource commands.
var groupShort = map[string]string{
	"a2p":              "A2P 10DLC campaign associations of US numbers",
	"ai-voice-agents":  "Outbound calls placed by AI voice agents",
	"analytics":        "Analytics+ report exports",
	"calls":            "Calls: list, search, get, tag, comment, transfer, archive, recordings, AI insights",
	"company":          "The company the credentials belong to",
	"contacts":         "Contacts of the shared address book, their phone numbers and emails",
	"dialer-campaigns": "Power dialer campaigns of users",
	"integrations":     "The integration an OAuth token belongs to",
	"messaging":        "SMS and MMS: send, configure numbers, templates",
	"numbers":          "Phone numbers: list, get, update, registration status",
	"tags":             "Tags for calls",
	"teams":            "Teams and their users",
	"users":            "Users (v1): list, get, availability, start calls",
	"users-v2":         "Users (v2 endpoints): list, get, create, update, numbers",
	"webhooks":         "Webhooks, and tools to trigger and receive their events",
	"whatsapp":         "WhatsApp: send messages, templates, number status",
}

// shortHelp is the first sentence of the summary, without the Go method
// name; listings say they list (the command pages by itself).
func shortHelp(op opSpec) string {
	if op.Paginated {
		group, verb := commandName(op.ID)
		switch verb {
		case "list":
			return "List " + strings.ReplaceAll(group, "-", " ") + " (--limit, --all)"
		case "search":
			return "Search " + strings.ReplaceAll(group, "-", " ") + " (--limit, --all)"
		}
	}
	s := op.Summary
	if op.Description != "" {
		s = op.Description
	}
	s = strings.TrimSuffix(firstSentence(s), ".")
	if first, rest, ok := strings.Cut(s, " "); ok && first != "" && first[0] >= 'A' && first[0] <= 'Z' && !strings.Contains(first, "-") {
		s = strings.ToUpper(rest[:1]) + rest[1:] // "List fetches one page..." -> "Fetches one page..."
	}
	for _, prefix := range []string{"Fetches one page of ", "Returns one page of "} {
		if rest, ok := strings.CutPrefix(s, prefix); ok && op.Paginated {
			return "List " + rest + " (--limit, --all)"
		}
	}
	if s == "" {
		s = op.Method + " " + op.Path
	}
	return s
}

// firstSentence cuts s after its first sentence ("e.g." does not end one).
func firstSentence(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	for i := 0; i+1 < len(s); i++ {
		if s[i] == '.' && s[i+1] == ' ' && !strings.HasSuffix(s[:i], "e.g") && !strings.HasSuffix(s[:i], "i.e") {
			return s[:i]
		}
	}
	return s
}

func longHelp(op opSpec) string {
	var b strings.Builder
	b.WriteString(op.Description)
	fmt.Fprintf(&b, "\n\nAPI: %s %s (operation %s).", op.Method, op.Path, op.ID)
	if op.Paginated {
		b.WriteString("\nPrints --limit items (30 by default) or, with --all, every item, page after page.")
	}
	if op.Destructive {
		b.WriteString("\nIt cannot be undone: it asks for confirmation on a terminal; --yes skips the question.")
	}
	if op.ReachesPerson {
		b.WriteString("\nIt reaches a person (a call, a message): check the arguments before running it.")
	}
	return b.String()
}

// opExample writes an example command line from the required parameters.
func opExample(op opSpec, verb string, paths []paramSpec) string {
	group, _ := commandName(op.ID)
	line := "  aircall "
	if group != "" {
		line += group + " "
	}
	line += verb
	for _, p := range paths {
		if p.Type == "integer" {
			line += " 123"
		} else {
			line += " " + p.Name
		}
	}
	var req []string
	for _, p := range op.Params {
		if p.In != "path" && p.Required && !reservedFlags[flagName(p.Name)] {
			req = append(req, "--"+flagName(p.Name)+" "+exampleValue(p))
		}
	}
	sort.Strings(req)
	if len(req) > 0 {
		line += " " + strings.Join(req, " ")
	}
	switch {
	case op.Paginated:
		ex := line
		for _, p := range op.Params {
			if p.Name == "from" && isTimeParam(p) {
				ex += " --from 2026-11-01"
			}
		}
		return ex + " --limit 20\n" + line + " --all --json"
	case op.Destructive:
		return line + " --yes"
	}
	return line + "\n" + line + " --json"
}

func exampleValue(p paramSpec) string {
	switch {
	case len(p.Enum) > 0:
		return p.Enum[0]
	case isTimeParam(p):
		return "2026-11-01"
	case p.Type == "integer":
		return "7"
	case p.Type == "boolean":
		return "true"
	case p.Type == "array" && p.Items == "integer":
		return "7,8"
	case p.Type == "array" && p.Items == "object", p.Type == "object":
		return "'{...}'"
	case strings.Contains(p.Name, "phone") || p.Name == "to":
		return "+33612345678"
	}
	return "text"
}
