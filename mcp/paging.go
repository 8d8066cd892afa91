package aircallmcp

import (
	"errors"

	"github.com/aircall-go/aircall"
)

// pageArgs are the paging arguments of the page-numbered list tools.
type pageArgs struct {
	Limit  int    `json:"limit,omitempty" jsonschema:"how many items to return, 1 to 50 (default 20)"`
	Cursor string `json:"cursor,omitempty" jsonschema:"next_cursor from a previous answer: continues that listing"`
}

// maxPageLimit is the page size cap of page-numbered listings (the API's).
const maxPageLimit = aircall.MaxPerPage

// startPage reads the cursor of a page-numbered listing of tool: the query
// it carries (or q for a new listing), the page and the page size.
func startPage[Q any](tool string, a pageArgs, q Q, filtered bool) (cursor[Q], aircall.ListOptions, error) {
	c := cursor[Q]{Tool: tool, Query: q, Page: 1}
	per := min(limitOf(a.Limit), maxPageLimit)
	if a.Cursor != "" {
		if filtered {
			return c, aircall.ListOptions{}, errors.New("give either cursor (to continue a listing) or filters, not both")
		}
		var err error
		if c, err = decodeCursor[Q](tool, a.Cursor); err != nil {
			return c, aircall.ListOptions{}, err
		}
	}
	return c, aircall.ListOptions{Page: c.Page, PerPage: per}, nil
}

// nextPage returns the cursor after a page of n items, "" at the end.
func nextPage[Q any](c cursor[Q], resp *aircall.Response, n int) string {
	if resp == nil || resp.Meta == nil || resp.Meta.NextPage() == 0 || n == 0 {
		return ""
	}
	c.Page = resp.Meta.NextPage()
	c.Done += n
	return encodeCursor(c)
}
