package aircall

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"hash/crc32"
	"strings"
)

// Checkpoint is where a listing stands, as an opaque string: save it after
// any item a Pager yielded (Pager.Checkpoint) and give it back to ListPager
// or SearchPager to go on from there, in this process or another one. It is
// URL-safe ASCII (letters, digits, '-', '_', '.'), carries its format
// version, and is checked when read back: a checkpoint of another listing
// (other resource, other options) or a damaged one is refused with an
// *ArgError. It holds no credentials and no personal data, only ids and
// times. The empty Checkpoint means "from the start".
type Checkpoint string

// checkpointPrefix starts every checkpoint of format version 1.
const checkpointPrefix = "v1."

// listState is what a checkpoint holds.
type listState struct {
	Res     string  `json:"r"`            // which listing: "calls.list", "contacts.search"...
	Opts    string  `json:"o"`            // fingerprint of the options (fingerprint)
	To      int64   `json:"to,omitempty"` // the window's end, pinned at the start (unix seconds)
	Has     bool    `json:"h,omitempty"`  // Bound is set
	Bound   int64   `json:"b,omitempty"`  // creation time of the last item yielded
	IDs     []int64 `json:"i,omitempty"`  // ids yielded at Bound
	Before  int     `json:"pb,omitempty"` // items yielded in the second before Bound
	Page    int     `json:"p,omitempty"`  // page to ask for (within Bound for a time keyset)
	Skip    int     `json:"s,omitempty"`  // items of that page already yielded (numbered pages)
	Yielded int     `json:"n,omitempty"`
	Total   int     `json:"t,omitempty"`
	Capped  bool    `json:"c,omitempty"`
	Done    bool    `json:"d,omitempty"`
}

// encode writes s as a Checkpoint: the version prefix, then the JSON state
// followed by its CRC-32, in unpadded URL-safe base64.
func (s *listState) encode() Checkpoint {
	b, _ := json.Marshal(s) // a struct of plain fields cannot fail
	b = binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(b))
	return Checkpoint(checkpointPrefix + base64.RawURLEncoding.EncodeToString(b))
}

// decodeCheckpoint reads cp back, checking that it belongs to the listing
// res with options fingerprint fp.
func decodeCheckpoint(cp Checkpoint, res, fp string) (*listState, error) {
	bad := func(reason string) error { return &ArgError{Arg: "from", Reason: reason} }
	raw, ok := strings.CutPrefix(string(cp), checkpointPrefix)
	if !ok {
		if i := strings.IndexByte(string(cp), '.'); i > 0 && i < 6 && cp[0] == 'v' {
			return nil, bad("checkpoint of format " + string(cp[:i]) + ", which this version of the SDK does not read")
		}
		return nil, bad("not a checkpoint (damaged or truncated?)")
	}
	b, err := base64.RawURLEncoding.DecodeString(raw)
	if err != nil || len(b) < 5 {
		return nil, bad("checkpoint is damaged: not valid base64")
	}
	body, sum := b[:len(b)-4], binary.BigEndian.Uint32(b[len(b)-4:])
	if crc32.ChecksumIEEE(body) != sum {
		return nil, bad("checkpoint is damaged: checksum mismatch")
	}
	var s listState
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		return nil, bad("checkpoint is damaged: " + err.Error())
	}
	switch {
	case s.Res != res:
		return nil, bad("checkpoint of another listing (" + s.Res + ", not " + res + ")")
	case s.Opts != fp:
		return nil, bad("checkpoint of a listing with other options: give the options it was made with")
	case s.Page < 0 || s.Skip < 0 || s.Before < 0 || s.Yielded < 0 || s.Total < 0:
		return nil, bad("checkpoint is damaged: negative position")
	}
	return &s, nil
}

// fingerprint identifies a listing's options (without the page number):
// what a checkpoint must match to be resumed.
func fingerprint(opts any) (string, error) {
	q, err := addOptions("", opts)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256([]byte(q))
	return hex.EncodeToString(sum[:8]), nil
}
