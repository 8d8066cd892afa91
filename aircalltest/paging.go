package aircalltest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"
)

const (
	defaultPerPage = 20
	maxPerPage     = 50
	// itemCap is how far calls and contacts can be paged: past it the API
	// answers 400 with pageLimitBody.
	itemCap = 10000
)

// listQuery is what a list request asked for.
type listQuery struct {
	page, perPage int
	desc          bool
	orderBy       string
	from, to      time.Time // zero when not set; both bounds are inclusive
}

// offset is the index of the page's first item.
func (q listQuery) offset() int { return (q.page - 1) * q.perPage }

// in reports whether t is within the from/to bounds, to the second: the
// API keeps creation times in whole seconds.
func (q listQuery) in(t time.Time) bool {
	s := t.Unix()
	return (q.from.IsZero() || s >= q.from.Unix()) && (q.to.IsZero() || s <= q.to.Unix())
}

// listOpts says which query parameters an endpoint reads.
type listOpts struct {
	maxPerPage int
	window     bool     // from and to
	order      bool     // order
	orderBy    []string // accepted order_by values (contacts)
}

// listQuery reads the pagination, ordering and time-window parameters,
// answering 400 (and returning false) for invalid values.
func (x *exchange) listQuery(o listOpts) (listQuery, bool) {
	v := x.r.URL.Query()
	q := listQuery{page: 1, perPage: defaultPerPage}
	if o.maxPerPage == 0 {
		o.maxPerPage = maxPerPage
	}
	if s := v.Get("page"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			x.badRequest(fmt.Sprintf("page must be a positive integer, got %q", s))
			return q, false
		}
		q.page = n
	}
	if s := v.Get("per_page"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > o.maxPerPage {
			x.badRequest(fmt.Sprintf("per_page must be between 1 and %d, got %q", o.maxPerPage, s))
			return q, false
		}
		q.perPage = n
	}
	if o.order {
		switch s := v.Get("order"); s {
		case "", "asc":
		case "desc":
			q.desc = true
		default:
			x.badRequest(fmt.Sprintf("order must be asc or desc, got %q", s))
			return q, false
		}
	}
	if len(o.orderBy) > 0 {
		q.orderBy = o.orderBy[0]
		if s := v.Get("order_by"); s != "" {
			ok := false
			for _, allowed := range o.orderBy {
				ok = ok || s == allowed
			}
			if !ok {
				x.badRequest(fmt.Sprintf("order_by must be created_at or updated_at, got %q", s))
				return q, false
			}
			q.orderBy = s
		}
	}
	if o.window {
		for _, b := range []struct {
			name string
			dst  *time.Time
		}{{"from", &q.from}, {"to", &q.to}} {
			s := v.Get(b.name)
			if s == "" {
				continue
			}
			n, err := strconv.ParseInt(s, 10, 64)
			if err != nil || n < 0 {
				x.badRequest(fmt.Sprintf("%s must be a UNIX timestamp, got %q", b.name, s))
				return q, false
			}
			*b.dst = time.Unix(n, 0)
		}
	}
	return q, true
}

// window returns the items of page q out of all (already filtered and
// ordered), stopping at limit items overall when limit > 0.
func window[T any](all []T, q listQuery, limit int) []T {
	end := len(all)
	if limit > 0 && end > limit {
		end = limit
	}
	lo := min(q.offset(), end)
	hi := min(lo+q.perPage, end)
	return all[lo:hi]
}

// wireMeta is the pagination block of list answers.
type wireMeta struct {
	Count            int     `json:"count"`
	Total            int     `json:"total"`
	CurrentPage      int     `json:"current_page"`
	PerPage          int     `json:"per_page"`
	NextPageLink     *string `json:"next_page_link"`
	PreviousPageLink *string `json:"previous_page_link"`
}

// meta builds the pagination block: the links are absolute URLs on the
// fake's base URL, keeping the request's query with another page.
func (x *exchange) meta(q listQuery, count, total int) wireMeta {
	m := wireMeta{Count: count, Total: total, CurrentPage: q.page, PerPage: q.perPage}
	link := func(page int) *string {
		v := x.r.URL.Query()
		v.Set("page", strconv.Itoa(page))
		v.Set("per_page", strconv.Itoa(q.perPage))
		s := x.s.url + x.r.URL.Path + "?" + v.Encode()
		return &s
	}
	if q.page*q.perPage < total {
		m.NextPageLink = link(q.page + 1)
	}
	if q.page > 1 {
		m.PreviousPageLink = link(q.page - 1)
	}
	return m
}

// page answers one page: {"meta": {...}, "<key>": [...]}.
func (x *exchange) page(key string, items any, q listQuery, count, total int) {
	meta, err := json.Marshal(x.meta(q, count, total))
	if err != nil {
		x.fail(http.StatusInternalServerError, err.Error())
		return
	}
	list, err := json.Marshal(items)
	if err != nil {
		x.fail(http.StatusInternalServerError, err.Error())
		return
	}
	var b bytes.Buffer
	b.WriteString(`{"meta":`)
	b.Write(meta)
	b.WriteString(`,` + strconv.Quote(key) + `:`)
	b.Write(list)
	b.WriteByte('}')
	writeBody(x.w, http.StatusOK, b.Bytes())
}

// capped answers the 400 of a page past the 10,000-item cap, returning true
// when it did.
func (x *exchange) capped(q listQuery) bool {
	if q.offset() < itemCap {
		return false
	}
	writeBody(x.w, http.StatusBadRequest, []byte(pageLimitBody))
	return true
}

// link returns the absolute URL of an API path on the fake.
func (s *Server) link(format string, args ...any) string {
	return s.url + "/" + fmt.Sprintf(format, args...)
}
