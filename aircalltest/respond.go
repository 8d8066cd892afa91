package aircalltest

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"
)

// pageLimitBody is the answer past the 10,000-item cap of calls and
// contacts, byte for byte as Aircall sends it (testdata/errors/page_limit.json).
const pageLimitBody = `{"error":"Bad Request","message":"BAD_REQUEST","errors":"Your query is limited to 10k results and pagination is out of bound, please use timestamps or other filters.","troubleshoot":"BAD_REQUEST","success":false,"data":null}`

// apiError is Aircall's error body: a title and a readable description.
type apiError struct {
	Error        string `json:"error"`
	Troubleshoot string `json:"troubleshoot"`
}

// errorBody returns the JSON of an Aircall error for status.
func errorBody(status int, troubleshoot string) []byte {
	b, _ := json.Marshal(apiError{Error: http.StatusText(status), Troubleshoot: troubleshoot})
	return b
}

// writeBody answers status with a JSON body.
func writeBody(w http.ResponseWriter, status int, body []byte) {
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// json answers status with v encoded as JSON.
func (x *exchange) json(status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		x.fail(http.StatusInternalServerError, "aircalltest could not encode its answer: "+err.Error())
		return
	}
	writeBody(x.w, status, b)
}

// empty answers status without a body (204, or the bodiless 200 and 201 of
// some endpoints).
func (x *exchange) empty(status int) {
	if status != http.StatusNoContent {
		x.w.Header().Set("Content-Length", "0")
	}
	x.w.WriteHeader(status)
}

// fail answers an Aircall error: {"error": "<status text>", "troubleshoot": "..."}.
func (x *exchange) fail(status int, troubleshoot string) {
	writeBody(x.w, status, errorBody(status, troubleshoot))
}

func (x *exchange) badRequest(troubleshoot string) { x.fail(http.StatusBadRequest, troubleshoot) }

func (x *exchange) notFound(what string) {
	x.fail(http.StatusNotFound, "Not found. "+what+" does not exist")
}

func (x *exchange) unprocessable(troubleshoot string) {
	x.fail(http.StatusUnprocessableEntity, troubleshoot)
}

const maxRequestBody = 1 << 20

// decode reads the JSON request body into v. An empty body leaves v as is.
// It answers 400 and returns false when the body is not JSON or the
// Content-Type is not application/json, which the API requires on writes.
func (x *exchange) decode(v any) bool {
	// Request bodies of the real API are small JSON objects; 1 MiB bounds
	// what a runaway test can make the fake hold, and answers 413 beyond.
	body, err := io.ReadAll(http.MaxBytesReader(x.w, x.r.Body, maxRequestBody))
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		x.fail(http.StatusRequestEntityTooLarge, "The request body is larger than 1 MiB")
		return false
	}
	if err != nil {
		x.badRequest("The request body could not be read")
		return false
	}
	body = bytes.TrimSpace(body)
	if len(body) == 0 {
		return true
	}
	if ct := x.r.Header.Get("Content-Type"); ct != "" {
		if mt, _, err := mime.ParseMediaType(ct); err != nil || mt != "application/json" {
			x.badRequest("Content-Type must be application/json")
			return false
		}
	}
	if err := json.Unmarshal(body, v); err != nil {
		x.badRequest("Invalid JSON payload: " + err.Error())
		return false
	}
	return true
}

// nullString is a JSON string that is null when empty.
func nullString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
