package aircall

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
)

// ErrNoRecording is returned by DownloadRecording for a call without a
// recording (none was made, it was deleted, or it is not available yet:
// Aircall can take a while after the call, see the call.comm_assets_generated
// event).
var ErrNoRecording = errors.New("aircall: the call has no recording")

// ErrNoVoicemail is returned by DownloadVoicemail for a call without a
// voicemail.
var ErrNoVoicemail = errors.New("aircall: the call has no voicemail")

// MediaDownloadError is a recording or voicemail file the storage host
// would not serve, even with a link fetched afresh.
type MediaDownloadError struct {
	// CallID is the call whose file was asked for.
	CallID int64
	// Kind is "recording" or "voicemail".
	Kind string
	// StatusCode is the storage host's last answer.
	StatusCode int
	// Host is the storage host (the link's query, which holds its
	// signature, is left out).
	Host string
}

// Error describes the refusal.
func (e *MediaDownloadError) Error() string {
	return fmt.Sprintf("aircall: downloading the %s of call %d from %s: HTTP %d", e.Kind, e.CallID, e.Host, e.StatusCode)
}

// DownloadRecording streams the live recording (mp3) of a Call to w and
// returns the number of bytes written.
//
// A Call's recording link is valid for a limited time (an hour, per the API
// reference), so DownloadRecording retrieves the Call for a fresh link; if
// the storage host still answers 403, 404 or 410 (the link expired
// meanwhile), it retrieves the Call once more and tries the new link. The
// file is fetched with the HTTP client given to WithHTTPClient, without the
// client's Aircall credentials: the link is presigned, and credentials
// never leave for the storage host. It does not go through the rate
// limiter either, but each Call retrieval does.
//
// Errors: ErrNoRecording when the Call has none; those of CallsService.Get
// (404 for an unknown call); *MediaDownloadError when the storage host
// refuses the fresh link too; ctx's error. Bytes already written to w stay
// written when the stream breaks.
//
//aircall:operation GET /v1/calls/:id
func (s *CallsService) DownloadRecording(ctx context.Context, callID int64, w io.Writer) (int64, error) {
	return s.downloadMedia(ctx, callID, w, "recording", func(c *Call) string { return c.Recording }, ErrNoRecording)
}

// DownloadVoicemail streams the voicemail (mp3) a caller left on a Call to
// w and returns the number of bytes written. It works like
// DownloadRecording: a fresh link from the Call, one more retrieval when
// the storage host says the link expired, no Aircall credentials sent to
// the storage host.
//
// Errors: ErrNoVoicemail when the Call has none; otherwise as
// DownloadRecording.
//
//aircall:operation GET /v1/calls/:id
func (s *CallsService) DownloadVoicemail(ctx context.Context, callID int64, w io.Writer) (int64, error) {
	return s.downloadMedia(ctx, callID, w, "voicemail", func(c *Call) string { return c.Voicemail }, ErrNoVoicemail)
}

// downloadMedia fetches a Call, then the file behind link(call), fetching
// the Call again once when the storage host says the link expired.
func (s *CallsService) downloadMedia(ctx context.Context, callID int64, w io.Writer, kind string, link func(*Call) string, none error) (int64, error) {
	if err := checkID("callID", callID); err != nil {
		return 0, err
	}
	if w == nil {
		return 0, &ArgError{Arg: "w", Reason: "must not be nil"}
	}
	var last *MediaDownloadError
	for range 2 {
		call, _, err := s.Get(ctx, callID, nil)
		if err != nil {
			return 0, err
		}
		raw := link(call)
		if raw == "" {
			return 0, none
		}
		n, status, err := s.client.fetchMedia(ctx, raw, w)
		switch {
		case err != nil:
			return n, err
		case status == http.StatusForbidden || status == http.StatusNotFound || status == http.StatusGone:
			last = &MediaDownloadError{CallID: callID, Kind: kind, StatusCode: status, Host: hostOf(raw)}
			continue // expired link: fetch the call again for a fresh one
		case status < 200 || status > 299:
			return n, &MediaDownloadError{CallID: callID, Kind: kind, StatusCode: status, Host: hostOf(raw)}
		}
		return n, nil
	}
	return 0, last
}

// fetchMedia GETs a presigned file with the caller's own HTTP client (no
// Aircall credentials) and copies a 2xx body to w. Other statuses come
// back with nothing written.
func (c *Client) fetchMedia(ctx context.Context, rawURL string, w io.Writer) (int64, int, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return 0, 0, fmt.Errorf("aircall: the media link is not an http(s) URL (host %q)", hostOf(rawURL))
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return 0, 0, fmt.Errorf("aircall: building the media request: %w", err)
	}
	req.Header.Set("User-Agent", c.userAgent)
	resp, err := c.cfg.hc.Do(req)
	if err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return 0, 0, ctxErr
		}
		return 0, 0, fmt.Errorf("aircall: downloading from %s: %w", u.Host, unwrapURLError(err))
	}
	defer drainAndClose(resp.Body)
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return 0, resp.StatusCode, nil
	}
	n, err := io.Copy(w, resp.Body)
	if err != nil {
		return n, resp.StatusCode, fmt.Errorf("aircall: downloading from %s: %w", u.Host, err)
	}
	return n, resp.StatusCode, nil
}

// hostOf returns the host of a URL, or "" when it does not parse.
func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return u.Host
}
