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

// tagsCRUD serves the tag endpoints; tags have no creation time and are listed
// by id.
var tagsCRUD = crud[tag]{
	what: "Tag", one: "tag", many: "tags",
	all:  func(s *Server, _ *exchange) []*tag { return values(s.db.tags, tagKey) },
	find: func(s *Server, x *exchange) *tag { return byID(s.db.tags, x) },
	wire: func(s *Server, t *tag) any { return s.tagWire(t) },
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
	if !decodeChecked(x, &req, true) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	name := strings.TrimSpace(*req.Name)
	for _, other := range s.db.tags {
		if strings.EqualFold(other.name, name) {
			x.badRequest("Invalid payload: name has already been taken")
			return
		}
	}
	t := &tag{id: s.db.next(kindTag), name: name, color: *req.Color}
	s.db.tags[t.id] = t
	tagsCRUD.answer(s, x, http.StatusCreated, t)
}

// tagsUpdate serves PUT /v1/tags/:id.
func (s *Server) tagsUpdate(x *exchange) {
	var req tagWrite
	if !decodeChecked(x, &req, false) {
		return
	}
	tagsCRUD.with(s, x, func(t *tag) {
		if req.Name != nil {
			t.name = strings.TrimSpace(*req.Name)
		}
		if req.Color != nil {
			t.color = *req.Color
		}
		tagsCRUD.answer(s, x, http.StatusOK, t)
	})
}

// dropTag deletes t, from calls too. s.mu held.
func (s *Server) dropTag(t *tag) {
	delete(s.db.tags, t.id)
	for _, c := range s.db.calls {
		if len(c.tags) > 0 {
			c.tags = slices.DeleteFunc(c.tags, func(ct callTag) bool { return ct.tagID == t.id })
		}
	}
}
