package aircall

import (
	"errors"
	"io"
	"sync"
)

// Body limits. Aircall answers are small: one call of the API reference is
// about 3 KB of JSON with its nested user, number, contact, tags and
// comments, so a full page (50 items at most) is a few hundred KB, and the
// largest single objects, transcriptions of hours-long calls, stay in the
// low megabytes. 8 MiB leaves a wide margin above any real answer while
// keeping what a misbehaving server or proxy (an endless or decompressing
// body) can make the client hold small. Error bodies carry a title and a
// sentence; 1 MiB of one is kept.
const (
	// maxBodySize bounds a successful body, counted after decompression.
	maxBodySize = 8 << 20
	// maxErrorBodySize bounds how much of an error body is kept (ErrorResponse.Body).
	maxErrorBodySize = 1 << 20
	// chunkSize is the unit a body is read in: pooled chunks are filled,
	// then copied once into a slice of the exact size.
	chunkSize = 32 << 10
)

// ErrResponseTooLarge is returned when a successful answer's body, once
// decompressed, is larger than the SDK accepts (8 MiB, far above any real
// Aircall answer). It is permanent: the request is not retried.
var ErrResponseTooLarge = errors.New("aircall: response body too large")

// readLimited reads all of r if it holds at most limit bytes. more reports
// that it held more, and then no bytes are returned. r is read into pooled
// fixed-size chunks and copied once into a slice of the exact size, so a body
// costs one allocation of its own size, and an oversized one at most limit
// bytes of chunks in flight, returned to the pool: never the doubling of
// io.ReadAll or bytes.Buffer, which allocates twice what it keeps and grows
// past the limit.
func readLimited(r io.Reader, limit int64) (body []byte, more bool, err error) {
	var chunks []*[]byte
	defer func() {
		for _, c := range chunks {
			chunkPool.Put(c)
		}
	}()
	var total int64
	last := chunkSize // bytes used in the last chunk
	for {
		if last == chunkSize {
			chunks = append(chunks, chunkPool.Get().(*[]byte))
			last = 0
		}
		n, rerr := r.Read((*chunks[len(chunks)-1])[last:])
		last += n
		total += int64(n)
		if total > limit {
			return nil, true, nil
		}
		if rerr == io.EOF {
			break
		}
		if rerr != nil {
			err = rerr
			break
		}
	}
	body = make([]byte, 0, total)
	for i, c := range chunks {
		n := chunkSize
		if i == len(chunks)-1 {
			n = last
		}
		body = append(body, (*c)[:n]...)
	}
	return body, false, err
}

var chunkPool = sync.Pool{New: func() any {
	b := make([]byte, chunkSize)
	return &b
}}
