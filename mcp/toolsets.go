package aircallmcp

import (
	"fmt"
	"strings"
)

// Toolsets are the groups of tools a server can expose (Config.Toolsets,
// the --toolsets flag). "operations" is the whole API by intent:
// search_operations, describe_operation and execute_operation.
var Toolsets = []string{"calls", "contacts", "users", "numbers", "messaging", "whatsapp", "webhooks", "insights", "operations"}

// parseToolsets checks names (comma-separated entries are split) and
// returns the enabled set; none means all.
func parseToolsets(names []string) (map[string]bool, error) {
	known := map[string]bool{}
	for _, t := range Toolsets {
		known[t] = true
	}
	sets := map[string]bool{}
	for _, n := range names {
		for _, part := range strings.Split(n, ",") {
			part = strings.ToLower(strings.TrimSpace(part))
			if part == "" {
				continue
			}
			if part == "all" {
				return known, nil
			}
			if !known[part] {
				return nil, fmt.Errorf("aircallmcp: unknown toolset %q (known: %s)", part, strings.Join(Toolsets, ", "))
			}
			sets[part] = true
		}
	}
	if len(sets) == 0 {
		return known, nil
	}
	return sets, nil
}
