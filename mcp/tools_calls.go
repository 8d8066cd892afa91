package aircallmcp

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/aircall-go/aircall"
	"github.com/google/jsonschema-go/jsonschema"
)

// Limits of the list tools.
const (
	defaultLimit = 20
	maxLimit     = 100
)

type listCallsArgs struct {
	Last        string  `json:"last,omitempty" jsonschema:"only calls started within this period back from now: 30m, 24h, 7d, 2w"`
	From        string  `json:"from,omitempty" jsonschema:"only calls started at or after this time (RFC 3339, or a date)"`
	To          string  `json:"to,omitempty" jsonschema:"only calls started before this time (RFC 3339, or a date)"`
	Direction   string  `json:"direction,omitempty" jsonschema:"inbound or outbound"`
	UserID      int64   `json:"user_id,omitempty" jsonschema:"only calls of this Aircall user"`
	PhoneNumber string  `json:"phone_number,omitempty" jsonschema:"only calls with this external number (E.164, e.g. +14155551234)"`
	TagIDs      []int64 `json:"tag_ids,omitempty" jsonschema:"only calls carrying these tag ids"`
	Order       string  `json:"order,omitempty" jsonschema:"desc (newest first, the default) or asc"`
	Limit       int     `json:"limit,omitempty" jsonschema:"how many calls to return (default 20)"`
	Cursor      string  `json:"cursor,omitempty" jsonschema:"next_cursor from a previous answer: continues that listing; give no filter with it"`
}

// callQuery is a listing of calls as a cursor carries it.
type callQuery struct {
	From      int64   `json:"f,omitempty"`
	To        int64   `json:"t,omitempty"`
	Direction string  `json:"dir,omitempty"`
	UserID    int64   `json:"u,omitempty"`
	Phone     string  `json:"ph,omitempty"`
	Tags      []int64 `json:"tg,omitempty"`
	Desc      bool    `json:"desc,omitempty"`
}

func (q callQuery) search() bool {
	return q.Direction != "" || q.UserID != 0 || q.Phone != "" || len(q.Tags) > 0
}

// CallList is a page of calls.
type CallList struct {
	Calls      []CallView `json:"calls"`
	NextCursor string     `json:"next_cursor,omitempty" jsonschema:"pass as cursor for the next calls; absent at the end"`
	Returned   int        `json:"returned_so_far" jsonschema:"calls returned by this listing so far, this page included"`
	Total      int        `json:"total,omitempty" jsonschema:"how many calls the whole listing holds, as Aircall counts them"`
	// TotalIsLowerBound is set when Aircall stops counting at 10,000.
	TotalIsLowerBound bool `json:"total_is_lower_bound,omitempty" jsonschema:"Aircall counts at most 10,000 remaining calls: total is at least this"`
}

func limitOf(n int) int {
	if n <= 0 {
		return defaultLimit
	}
	return min(n, maxLimit)
}

func limitSchema(s *jsonschema.Schema) { bounds(s, "limit", 1, maxLimit) }

func (s *Server) registerCalls() {
	addTool(s, spec[listCallsArgs]{
		name:  "list_calls",
		title: "List or search calls",
		set:   "calls",
		desc: "Lists calls, newest first, optionally filtered by time (last 24h, from/to), direction, user, " +
			"external phone number or tags. Returns at most limit calls and a next_cursor to continue; " +
			"pages on past Aircall's 10,000-call window.",
		schema: func(sc *jsonschema.Schema) {
			limitSchema(sc)
			enum(sc, "direction", "inbound", "outbound")
			enum(sc, "order", "desc", "asc")
		},
	}, s.listCalls)

	addTool(s, spec[getCallArgs]{
		name:  "get_call",
		title: "Get a call",
		set:   "calls",
		desc: "Gets one call: who, when, how long, status, tags, comments; optionally with its AI summary " +
			"and the first part of its transcript (include). Needs AI Assist for summary and transcript.",
		schema: func(sc *jsonschema.Schema) {
			prop(sc, "include").Items.Enum = []any{"summary", "transcript"}
		},
	}, s.getCall)

	addTool(s, spec[startCallArgs]{
		name:   "start_call",
		title:  "Start an outbound call",
		set:    "calls",
		effect: reaches,
		desc: "Places an outbound call: the Aircall user's phone app dials the number from one of their " +
			"Aircall numbers (their default unless number_id is given). The user must be available. " +
			"Returns the resulting call when Aircall lists it in time. Asks the user to confirm first.",
		check: func(a startCallArgs) error {
			return firstErr(checkID("user_id", a.UserID), checkPhone("to", a.To))
		},
		confirm: func(a startCallArgs) string {
			from := "their default number"
			if a.NumberID != 0 {
				from = fmt.Sprintf("number %d", a.NumberID)
			}
			return fmt.Sprintf("Call %s now from Aircall user %d's phone, using %s?", a.To, a.UserID, from)
		},
	}, s.startCall)

	addTool(s, spec[tagCallArgs]{
		name:       "tag_call",
		title:      "Tag a call",
		set:        "calls",
		effect:     adds,
		idempotent: true,
		desc: "Adds tags to a call, by name (existing tags are matched case-insensitively; unknown names " +
			"are created) or by id.",
	}, s.tagCall)

	addTool(s, spec[commentCallArgs]{
		name:   "comment_call",
		title:  "Comment on a call",
		set:    "calls",
		effect: adds,
		desc:   "Adds a comment (a note visible to the team) to a call.",
		schema: func(sc *jsonschema.Schema) {
			one, max := 1, 5000
			p := prop(sc, "content")
			p.MinLength, p.MaxLength = &one, &max
		},
	}, s.commentCall)

	addTool(s, spec[transferCallArgs]{
		name:   "transfer_call",
		title:  "Transfer a call",
		set:    "calls",
		effect: reaches,
		desc: "Transfers an ongoing call to a user, a team or an external number (exactly one). " +
			"Asks the user to confirm first.",
		check: func(a transferCallArgs) error {
			n := 0
			for _, set := range []bool{a.UserID != 0, a.TeamID != 0, a.Number != ""} {
				if set {
					n++
				}
			}
			if n != 1 {
				return errors.New("give exactly one of user_id, team_id or number")
			}
			if a.Number != "" {
				return checkPhone("number", a.Number)
			}
			return checkID("call_id", a.CallID)
		},
		confirm: func(a transferCallArgs) string {
			to := a.Number
			switch {
			case a.UserID != 0:
				to = fmt.Sprintf("user %d", a.UserID)
			case a.TeamID != 0:
				to = fmt.Sprintf("team %d", a.TeamID)
			}
			return fmt.Sprintf("Transfer call %d to %s now?", a.CallID, to)
		},
	}, s.transferCall)
}

func (s *Server) listCalls(ctx context.Context, a listCallsArgs) (CallList, error) {
	const tool = "list_calls"
	var c cursor[callQuery]
	if a.Cursor != "" {
		if a.Last != "" || a.From != "" || a.To != "" || a.Direction != "" || a.UserID != 0 || a.PhoneNumber != "" || len(a.TagIDs) > 0 || a.Order != "" {
			return CallList{}, errors.New("give either cursor (to continue a listing) or filters, not both")
		}
		var err error
		if c, err = decodeCursor[callQuery](tool, a.Cursor); err != nil {
			return CallList{}, err
		}
	} else {
		from, to, err := parseWindow(s.now(), a.Last, a.From, a.To)
		if err != nil {
			return CallList{}, err
		}
		c = cursor[callQuery]{Tool: tool, Query: callQuery{
			From: unixOrZero(from), To: unixOrZero(to), Direction: a.Direction,
			UserID: a.UserID, Phone: a.PhoneNumber, Tags: a.TagIDs, Desc: a.Order != "asc",
		}}
	}
	limit := limitOf(a.Limit)
	calls, next, prog, err := s.pageCalls(ctx, c, limit)
	if err != nil {
		return CallList{}, err
	}
	out := CallList{Calls: make([]CallView, 0, len(calls)), Returned: c.Done + len(calls), Total: prog.Total, TotalIsLowerBound: prog.TotalCapped}
	for _, call := range calls {
		out.Calls = append(out.Calls, callView(call))
	}
	if next != nil {
		out.NextCursor = encodeCursor(*next)
	}
	return out, nil
}

// pageCalls returns up to limit calls of the listing c, from where c
// stopped, and the cursor of the rest (nil at the end). It pages with the
// SDK's Pager, whose checkpoint the cursor carries: the listing is exact
// while calls come and go, and goes past the API's 10,000-call window.
func (s *Server) pageCalls(ctx context.Context, c cursor[callQuery], limit int) ([]*aircall.Call, *cursor[callQuery], aircall.Progress, error) {
	q := c.Query
	order := "asc"
	if q.Desc {
		order = "desc"
	}
	// The page size is part of the listing's identity: keep it fixed.
	lo := aircall.ListOptions{PerPage: aircall.MaxPerPage}
	from, to := fromUnix(q.From), fromUnix(q.To)
	var (
		p   *aircall.Pager[aircall.Call]
		err error
	)
	if q.search() {
		p, err = s.client.Calls.SearchPager(&aircall.CallSearchOptions{ListOptions: lo, From: from, To: to, Order: order,
			Direction: q.Direction, UserID: q.UserID, PhoneNumber: q.Phone, Tags: q.Tags, FetchContact: true}, aircall.Checkpoint(c.Checkpoint))
	} else {
		p, err = s.client.Calls.ListPager(&aircall.CallListOptions{ListOptions: lo, From: from, To: to, Order: order, FetchContact: true},
			aircall.Checkpoint(c.Checkpoint))
	}
	if err != nil {
		return nil, nil, aircall.Progress{}, checkpointErr(err, c.Checkpoint)
	}
	if err != nil {
		return nil, nil, aircall.Progress{}, err
	}
	out, cp, more, err := takePage(ctx, p, limit)
	if err != nil {
		return nil, nil, aircall.Progress{}, err
	}
	prog := p.Progress()
	if !more {
		return out, nil, prog, nil
	}
	next := c
	next.Checkpoint = string(cp)
	next.Done += len(out)
	return out, &next, prog, nil
}

// checkpointErr makes the SDK's refusal of a checkpoint (an *ArgError on
// from) an invalid cursor.
func checkpointErr(err error, cp string) error {
	var argErr *aircall.ArgError
	if errors.As(err, &argErr) && argErr.Arg == "from" && cp != "" {
		return fmt.Errorf("%w: %s; start again without one", errBadCursor, argErr.Reason)
	}
	return err
}

// takePage takes up to limit items from p, and the checkpoint after the
// last one taken; more reports whether items are left.
func takePage[T any](ctx context.Context, p *aircall.Pager[T], limit int) (out []*T, cp aircall.Checkpoint, more bool, err error) {
	for it, err := range p.All(ctx) {
		if err != nil {
			return nil, "", false, err
		}
		if len(out) == limit {
			return out, cp, true, nil
		}
		out = append(out, it)
		if len(out) == limit {
			cp = p.Checkpoint()
		}
	}
	return out, "", false, nil
}

type getCallArgs struct {
	CallID  int64    `json:"call_id" jsonschema:"the call's id"`
	Include []string `json:"include,omitempty" jsonschema:"extras to add: summary, transcript (its first part; get_call_transcript pages through the rest)"`
}

// CallDetail is a call with what was asked to include.
type CallDetail struct {
	Call       CallView        `json:"call"`
	Summary    string          `json:"summary,omitempty" jsonschema:"AI Assist's summary of the call"`
	Transcript *TranscriptPage `json:"transcript,omitempty"`
	Notes      []string        `json:"notes,omitempty" jsonschema:"why an included part is missing"`
}

func (s *Server) getCall(ctx context.Context, a getCallArgs) (CallDetail, error) {
	call, _, err := s.client.Calls.Get(ctx, a.CallID, &aircall.CallGetOptions{FetchContact: true})
	if err != nil {
		return CallDetail{}, err
	}
	out := CallDetail{Call: callView(call)}
	for _, inc := range a.Include {
		switch inc {
		case "summary":
			sum, _, err := s.client.Calls.GetSummary(ctx, a.CallID)
			if err != nil {
				out.Notes = append(out.Notes, "summary: "+missingPart(s.explain(err, false)))
				continue
			}
			out.Summary = shorten(sum.Content, maxTextChars)
		case "transcript":
			tp, err := s.transcriptPage(ctx, a.CallID, 0, defaultTextChars)
			if err != nil {
				out.Notes = append(out.Notes, "transcript: "+missingPart(s.explain(err, false)))
				continue
			}
			out.Transcript = tp
		}
	}
	return out, nil
}

// missingPart says why an optional part is missing, in a short phrase.
func missingPart(err error) string {
	msg := err.Error()
	switch {
	case strings.Contains(msg, "404"):
		return "not available (not generated yet, the call was not recorded, or transcription is off)"
	case strings.Contains(msg, "403"):
		return "not allowed (needs the AI Assist licence)"
	}
	return msg
}

type startCallArgs struct {
	UserID   int64  `json:"user_id" jsonschema:"the Aircall user whose phone places the call"`
	To       string `json:"to" jsonschema:"the number to call, E.164 (e.g. +14155551234)"`
	NumberID int64  `json:"number_id,omitempty" jsonschema:"the Aircall number to call from (default: the user's default number)"`
}

// StartedCall is the outcome of start_call.
type StartedCall struct {
	Started bool      `json:"started"`
	Call    *CallView `json:"call,omitempty" jsonschema:"the new call, when Aircall listed it in time"`
	Note    string    `json:"note,omitempty"`
}

func (s *Server) startCall(ctx context.Context, a startCallArgs) (StartedCall, error) {
	numberID := a.NumberID
	if numberID == 0 {
		u, _, err := s.client.UsersV2.Get(ctx, a.UserID)
		if err != nil {
			return StartedCall{}, err
		}
		numberID = u.DefaultNumberID
		if numberID == 0 {
			nums, _, err := s.client.UsersV2.ListNumbers(ctx, a.UserID, nil)
			if err != nil {
				return StartedCall{}, err
			}
			if len(nums) > 0 && nums[0] != nil {
				numberID = nums[0].ID
			}
		}
		if numberID == 0 {
			return StartedCall{}, fmt.Errorf("user %d has no Aircall number to call from; give number_id (nothing was sent)", a.UserID)
		}
	}
	req := &aircall.StartCallRequest{NumberID: numberID, To: a.To}
	if s.cfg.StartCallWait < 0 {
		if _, err := s.client.Users.StartCall(ctx, a.UserID, req); err != nil {
			return StartedCall{}, err
		}
		return StartedCall{Started: true, Note: "the call was started; find it with list_calls (user_id, phone_number) in a few seconds"}, nil
	}
	call, err := s.client.Users.StartCallAndWait(ctx, a.UserID, req, s.waitCall())
	switch {
	case errors.Is(err, aircall.ErrCallNotListed):
		return StartedCall{Started: true, Note: "the call was started but Aircall did not list it yet; find it with list_calls (user_id, phone_number) in a few seconds"}, nil
	case err != nil:
		return StartedCall{}, err
	}
	v := callView(call)
	return StartedCall{Started: true, Call: &v}, nil
}

// waitCall bounds the search for the call start_call started (Config.StartCallWait).
func (s *Server) waitCall() *aircall.WaitCallOptions {
	wait := s.cfg.StartCallWait
	if wait == 0 {
		wait = defaultStartCallWait
	}
	return &aircall.WaitCallOptions{Timeout: wait, FirstInterval: min(2*time.Second, wait/4), MaxSearches: 5}
}

// defaultStartCallWait is how long start_call looks for the call it started.
const defaultStartCallWait = 20 * time.Second

type tagCallArgs struct {
	CallID int64    `json:"call_id"`
	Tags   []string `json:"tags,omitempty" jsonschema:"tag names; unknown names are created"`
	TagIDs []int64  `json:"tag_ids,omitempty" jsonschema:"tag ids"`
}

// TaggedCall lists the tags added.
type TaggedCall struct {
	CallID int64     `json:"call_id"`
	Tags   []TagView `json:"tags"`
}

// TagView is a tag.
type TagView struct {
	ID   int64  `json:"id"`
	Name string `json:"name,omitempty"`
}

func (s *Server) tagCall(ctx context.Context, a tagCallArgs) (TaggedCall, error) {
	if len(a.Tags) == 0 && len(a.TagIDs) == 0 {
		return TaggedCall{}, errors.New("give tags (names) or tag_ids")
	}
	out := TaggedCall{CallID: a.CallID}
	for _, id := range a.TagIDs {
		out.Tags = append(out.Tags, TagView{ID: id})
	}
	if len(a.Tags) > 0 {
		// Check the call first, so that no tag is created for a call that does not exist.
		if _, _, err := s.client.Calls.Get(ctx, a.CallID, nil); err != nil {
			return TaggedCall{}, err
		}
		tags, err := s.client.Calls.AddTagsByName(ctx, a.CallID, a.Tags...)
		if err != nil {
			return TaggedCall{}, err
		}
		for _, t := range tags {
			out.Tags = append(out.Tags, TagView{ID: t.ID, Name: t.Name})
		}
	}
	if len(a.TagIDs) > 0 {
		if _, err := s.client.Calls.AddTags(ctx, a.CallID, a.TagIDs); err != nil {
			return TaggedCall{}, err
		}
	}
	return out, nil
}

type commentCallArgs struct {
	CallID  int64  `json:"call_id"`
	Content string `json:"content" jsonschema:"the comment's text"`
}

// Done is the answer of a write that returns nothing else.
type Done struct {
	Done bool   `json:"done"`
	What string `json:"what"`
}

func (s *Server) commentCall(ctx context.Context, a commentCallArgs) (Done, error) {
	if _, err := s.client.Calls.AddComment(ctx, a.CallID, a.Content); err != nil {
		return Done{}, err
	}
	return Done{Done: true, What: fmt.Sprintf("comment added to call %d", a.CallID)}, nil
}

type transferCallArgs struct {
	CallID int64  `json:"call_id"`
	UserID int64  `json:"user_id,omitempty" jsonschema:"transfer to this Aircall user"`
	TeamID int64  `json:"team_id,omitempty" jsonschema:"transfer to this team"`
	Number string `json:"number,omitempty" jsonschema:"transfer to this external number (E.164); inbound unanswered calls only"`
}

func (s *Server) transferCall(ctx context.Context, a transferCallArgs) (Done, error) {
	req := &aircall.TransferCallRequest{UserID: a.UserID, TeamID: a.TeamID, Number: a.Number}
	if _, err := s.client.Calls.Transfer(ctx, a.CallID, req); err != nil {
		return Done{}, err
	}
	return Done{Done: true, What: fmt.Sprintf("call %d transferred", a.CallID)}, nil
}
