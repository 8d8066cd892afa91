package aircall

import (
	"context"
	"errors"
	"strings"
)

// DefaultTagColor is the color TagsService.FindOrCreate gives the Tags it
// creates (the blue of the API reference's examples).
const DefaultTagColor = "#0662B5"

// tagKey is how Tag names are compared: trimmed, case-insensitive.
func tagKey(name string) string { return strings.ToLower(strings.TrimSpace(name)) }

// FindOrCreate returns the Tag named name, compared case-insensitively and
// without surrounding spaces, creating it (with DefaultTagColor) when the
// company has none.
//
// It is safe for concurrent use: within one Client, concurrent calls for the
// same name share one lookup (and at most one creation). When another
// process creates the same Tag between the lookup and the creation, the API
// refuses the duplicate (400 or 422) and FindOrCreate lists the Tags again
// and returns the one found. Each call lists the Tags (one request per 50
// Tags), plus one request when it creates.
//
//aircall:operation POST /v1/tags
func (s *TagsService) FindOrCreate(ctx context.Context, name string) (*Tag, error) {
	if err := checkNotBlank("name", name); err != nil {
		return nil, err
	}
	key := tagKey(name)
	return s.client.tagFlights.do(ctx, key, func() (*Tag, error) {
		if t, err := s.findByKey(ctx, key); t != nil || err != nil {
			return t, err
		}
		t, _, err := s.Create(ctx, &CreateTagRequest{Name: strings.TrimSpace(name), Color: DefaultTagColor})
		if err == nil {
			return t, nil
		}
		if !errors.Is(err, ErrBadRequest) && !errors.Is(err, ErrUnprocessable) {
			return nil, err
		}
		// Most likely created meanwhile by another process: look again.
		if t, lerr := s.findByKey(ctx, key); t != nil || lerr != nil {
			return t, lerr
		}
		return nil, err
	})
}

// findByKey lists the Tags and returns the one whose tagKey is key, or nil.
func (s *TagsService) findByKey(ctx context.Context, key string) (*Tag, error) {
	for t, err := range s.ListIter(ctx, nil) {
		if err != nil {
			return nil, err
		}
		if tagKey(t.Name) == key {
			return t, nil
		}
	}
	return nil, nil
}

// AddTagsByName tags a Call with the Tags named names (compared
// case-insensitively), creating the missing ones with FindOrCreate, and
// returns the Tags added, in the order of names without duplicates. It
// lists the Tags once, creates the missing ones, then sends one AddTags
// request. A call.tagged Webhook event is sent. On error, the Tags found
// or created so far come back with it.
//
//aircall:operation POST /v1/calls/:id/tags
func (s *CallsService) AddTagsByName(ctx context.Context, callID int64, names ...string) ([]*Tag, error) {
	if err := checkID("callID", callID); err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, &ArgError{Arg: "names", Reason: "must have at least one tag name"}
	}
	for _, n := range names {
		if err := checkNotBlank("names", n); err != nil {
			return nil, err
		}
	}
	known := map[string]*Tag{}
	for t, err := range s.client.Tags.ListIter(ctx, nil) {
		if err != nil {
			return nil, err
		}
		if _, dup := known[tagKey(t.Name)]; !dup {
			known[tagKey(t.Name)] = t
		}
	}
	var tags []*Tag
	var ids []int64
	seen := map[string]bool{}
	for _, n := range names {
		key := tagKey(n)
		if seen[key] {
			continue
		}
		seen[key] = true
		t := known[key]
		if t == nil {
			var err error
			if t, err = s.client.Tags.FindOrCreate(ctx, n); err != nil {
				return tags, err
			}
		}
		tags = append(tags, t)
		ids = append(ids, t.ID)
	}
	if _, err := s.AddTags(ctx, callID, ids); err != nil {
		return tags, err
	}
	return tags, nil
}
