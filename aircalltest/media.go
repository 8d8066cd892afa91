package aircalltest

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"time"
)

// Recordings and voicemails: the fake stores their audio and hands out
// presigned links to it, valid WithMediaLinkTTL (an hour by default), like
// Aircall's storage host. The links need no credentials, and the storage
// refuses a request that carries an Authorization header (400), as S3 does
// for presigned URLs: a client must not send its Aircall credentials there.

type mediaKey struct {
	callID int64
	kind   string // "recording" or "voicemail"
}

// MediaDownload is one request for a recording or voicemail file.
type MediaDownload struct {
	// CallID and Kind ("recording" or "voicemail") name the file asked for.
	CallID int64
	Kind   string
	// StatusCode is what the storage answered.
	StatusCode int
	// WithAuthorization is true when the request carried an Authorization
	// header (the storage refuses it).
	WithAuthorization bool
	// At is when it was asked, on the fake's clock.
	At time.Time
}

// SetRecording gives a call a live recording whose file holds audio, and
// returns the link a client reads now (Call.Recording). It panics if the
// call does not exist.
func (s *Server) SetRecording(callID int64, audio []byte) string {
	return s.setMedia("SetRecording", callID, "recording", audio)
}

// SetVoicemail gives a call a voicemail whose file holds audio, and returns
// the link a client reads now (Call.Voicemail). It panics if the call does
// not exist.
func (s *Server) SetVoicemail(callID int64, audio []byte) string {
	return s.setMedia("SetVoicemail", callID, "voicemail", audio)
}

func (s *Server) setMedia(op string, callID int64, kind string, audio []byte) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.db.callByID[callID]
	if c == nil {
		panic(fmt.Sprintf("aircalltest: %s: no call %d", op, callID))
	}
	s.storeMedia(c, kind, audio)
	return s.mediaLink(callID, kind)
}

// storeMedia keeps the audio of a call's recording or voicemail. Callers hold s.mu.
func (s *Server) storeMedia(c *call, kind string, audio []byte) {
	if s.sim.media == nil {
		s.sim.media = map[mediaKey][]byte{}
	}
	s.sim.media[mediaKey{c.id, kind}] = slices.Clone(audio)
	if kind == "voicemail" {
		c.voicemail = "stored"
	} else {
		c.recording = "stored"
	}
	if c.asset == "" {
		c.asset = assetURL(c.id, kind)
	}
}

// ExpireMediaLinks makes every recording and voicemail link handed out so
// far expired (the storage answers 403), as if their hour had passed; the
// calls read afterwards carry fresh links.
func (s *Server) ExpireMediaLinks() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sim.linkGen++
}

// MediaDownloads returns the requests made to the recording and voicemail
// storage, oldest first.
func (s *Server) MediaDownloads() []MediaDownload {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.sim.downloads)
}

// mediaURL is what a call's recording or voicemail field says: a fresh
// presigned link for stored audio, else the value seeded. Callers hold s.mu.
func (s *Server) mediaURL(c *call, kind, seeded string) string {
	if seeded == "" {
		return "" // none, or deleted through the API
	}
	if _, ok := s.sim.media[mediaKey{c.id, kind}]; ok {
		return s.mediaLink(c.id, kind)
	}
	return seeded
}

// mediaLink returns a presigned link valid for the media TTL. Callers hold s.mu.
func (s *Server) mediaLink(callID int64, kind string) string {
	exp := s.now().Add(s.cfg.wf.mediaTTL).Unix()
	return s.link("storage/%s/%d", kind, callID) + fmt.Sprintf("?expires=%d&gen=%d&signature=%s", exp, s.sim.linkGen, s.mediaSig(callID, kind, exp, s.sim.linkGen))
}

func (s *Server) mediaSig(callID int64, kind string, exp int64, gen int) string {
	if s.sim.secret == "" {
		s.sim.secret = randomHex(16)
	}
	h := sha256.Sum256(fmt.Appendf(nil, "%s|%s|%d|%d|%d", s.sim.secret, kind, callID, exp, gen))
	return hex.EncodeToString(h[:16])
}

// mediaServe serves GET /storage/:kind/:id, the presigned links.
func (s *Server) mediaServe(x *exchange) {
	kind := x.param("kind")
	id, _ := strconv.ParseInt(x.param("id"), 10, 64)
	q := x.r.URL.Query()
	exp, _ := strconv.ParseInt(q.Get("expires"), 10, 64)
	gen, _ := strconv.Atoi(q.Get("gen"))
	auth := x.r.Header.Get("Authorization") != ""
	s.mu.Lock()
	defer s.mu.Unlock()
	audio, ok := s.sim.media[mediaKey{id, kind}]
	status := http.StatusOK
	switch {
	case auth:
		status = http.StatusBadRequest
	case q.Get("signature") != s.mediaSig(id, kind, exp, gen):
		status = http.StatusForbidden
	case gen < s.sim.linkGen || s.now().Unix() > exp:
		status = http.StatusForbidden
	case !ok:
		status = http.StatusNotFound
	}
	s.sim.downloads = append(s.sim.downloads, MediaDownload{CallID: id, Kind: kind, StatusCode: status, WithAuthorization: auth, At: s.now()})
	switch status {
	case http.StatusBadRequest:
		storageError(x, status, "InvalidArgument", "Only one auth mechanism allowed; only the signature query parameters or the Authorization header should be specified")
	case http.StatusForbidden:
		storageError(x, status, "AccessDenied", "Request has expired")
	case http.StatusNotFound:
		storageError(x, status, "NoSuchKey", "The specified key does not exist.")
	default:
		x.w.Header().Set("Content-Type", "audio/mpeg")
		x.w.Header().Set("Content-Length", strconv.Itoa(len(audio)))
		x.w.WriteHeader(http.StatusOK)
		_, _ = x.w.Write(audio)
	}
}

// storageError answers in the storage host's XML error format.
func storageError(x *exchange, status int, code, msg string) {
	body := fmt.Sprintf("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>%s</Code><Message>%s</Message></Error>", code, msg)
	x.w.Header().Set("Content-Type", "application/xml")
	x.w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	x.w.WriteHeader(status)
	_, _ = x.w.Write([]byte(body))
}
