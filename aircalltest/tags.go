package aircalltest

import (
	"net/http"
	"slices"
	"strings"
	"time"
)

// tag is a call Tag of the fake company.
type tag struct {
	id          int64
	name        string
	color       string
	description string
}

// tagKey orders tags by id: they have no creation time.
func tagKey(t *tag) (time.Time, int64) { return time.Time{}, t.id }

type wireTag struct {
	ID          int64   `json:"id"`
	DirectLink  string  `json:"direct_link"`
	Name        string  `json:"name"`
	Color       string  `json:"color"`
	Description *string `json:"description"`
}

func (s *Server) tagWire(t *tag) wireTag {
	return wireTag{ID: t.id, DirectLink: s.link("v1/tags/%d", t.id), Name: t.name, Color: t.color, Description: nullString(t.description)}
}

// isHexColor reports whether v is #RGB or #RRGGBB.
func isHexColor(v string) bool {
	if (len(v) != 4 && len(v) != 7) || v[0] != '#' {
		return false
	}
	for _, c := range v[1:] {
		if !strings.ContainsRune("0123456789abcdefABCDEF", c) {
			return false
		}
	}
	return true
}

// tagsList serves GET /v1/tags.
func (s *Server) tagsList(x *exchange) {
	q, ok := x.listQuery(listOpts{})
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	all := values(s.db.tags, tagKey)
	items := make([]wireTag, 0, q.perPage)
	for _, t := range window(all, q, 0) {
		items = append(items, s.tagWire(t))
	}
	x.page("tags", items, q, len(items), len(all))
}

// tagsGet serves GET /v1/tags/:id.
func (s *Server) tagsGet(x *exchange) {
	id, ok := x.id("id", "Tag")
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.db.tags[id]
	if t == nil {
		x.notFound("Tag")
		return
	}
	x.json(http.StatusOK, map[string]any{"tag": s.tagWire(t)})
}

type tagWrite struct {
	Name  *string `json:"name"`
	Color *string `json:"color"`
}

// check validates the set fields; it returns a troubleshoot message or "".
func (w *tagWrite) check(create bool) string {
	if create && (w.Name == nil || w.Color == nil) {
		return "Invalid payload: name and color are mandatory fields"
	}
	if w.Name != nil && strings.TrimSpace(*w.Name) == "" {
		return "Invalid payload: name can't be blank"
	}
	if w.Color != nil && !isHexColor(*w.Color) {
		return "Invalid payload: color must be formatted in hexadecimal, like #00B388"
	}
	return ""
}

// tagsCreate serves POST /v1/tags.
func (s *Server) tagsCreate(x *exchange) {
	var req tagWrite
	if !x.decode(&req) {
		return
	}
	if msg := req.check(true); msg != "" {
		x.badRequest(msg)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t := &tag{id: s.db.next(kindTag), name: strings.TrimSpace(*req.Name), color: *req.Color}
	s.db.tags[t.id] = t
	x.json(http.StatusCreated, map[string]any{"tag": s.tagWire(t)})
}

// tagsUpdate serves PUT /v1/tags/:id.
func (s *Server) tagsUpdate(x *exchange) {
	id, ok := x.id("id", "Tag")
	if !ok {
		return
	}
	var req tagWrite
	if !x.decode(&req) {
		return
	}
	if msg := req.check(false); msg != "" {
		x.badRequest(msg)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.db.tags[id]
	if t == nil {
		x.notFound("Tag")
		return
	}
	if req.Name != nil {
		t.name = strings.TrimSpace(*req.Name)
	}
	if req.Color != nil {
		t.color = *req.Color
	}
	x.json(http.StatusOK, map[string]any{"tag": s.tagWire(t)})
}

// tagsDelete serves DELETE /v1/tags/:id: the tag is removed from calls too.
func (s *Server) tagsDelete(x *exchange) {
	id, ok := x.id("id", "Tag")
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.db.tags[id] == nil {
		x.notFound("Tag")
		return
	}
	delete(s.db.tags, id)
	for _, c := range s.db.calls {
		if len(c.tags) > 0 {
			c.tags = slices.DeleteFunc(c.tags, func(ct callTag) bool { return ct.tagID == id })
		}
	}
	x.empty(http.StatusNoContent)
}
