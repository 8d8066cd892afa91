package aircalltest

import "net/http"

// ping serves GET /v1/ping.
func (s *Server) ping(x *exchange) {
	x.json(http.StatusOK, map[string]string{"ping": "pong"})
}

// root serves GET /, the API's welcome document.
func (s *Server) root(x *exchange) {
	x.json(http.StatusOK, struct {
		Resource string `json:"resource"`
		Contact  string `json:"contact"`
	}{"Aircall Documentation", "support@aircall.io"})
}

// company serves GET /v1/company: the counts follow the fake's state.
func (s *Server) company(x *exchange) {
	s.mu.Lock()
	defer s.mu.Unlock()
	x.json(http.StatusOK, map[string]any{"company": struct {
		Name         string `json:"name"`
		UsersCount   int    `json:"users_count"`
		NumbersCount int    `json:"numbers_count"`
	}{s.cfg.companyName, len(s.db.users), len(s.db.numbers)}})
}
