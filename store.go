package aircall

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Store keeps the state of a CallSync or ContactSync (its checkpoint)
// between runs. Load returns nil data and a nil error when nothing was
// saved under key yet; Save replaces what was saved, atomically: a Load
// after a crash during Save returns the old data or the new, never a mix.
//
// FileStore keeps it in a file. To keep it elsewhere, implement the two
// methods: in Redis, Load is GET key (nil on redis.Nil) and Save is SET key
// data; in SQL, a table (key TEXT PRIMARY KEY, data BLOB) with Load as
// SELECT data ... WHERE key = ? and Save as an upsert (INSERT ... ON
// CONFLICT (key) DO UPDATE SET data = excluded.data), in the same
// transaction as the rows the sync wrote if you want both or neither.
type Store interface {
	Load(ctx context.Context, key string) ([]byte, error)
	Save(ctx context.Context, key string, data []byte) error
}

// FileStore is a Store keeping each key in a file of the directory Dir
// (which must exist), named after the key. Save writes a temporary file,
// syncs it to disk, renames it over the old one and syncs the directory,
// so the saved state survives a crash or a power cut.
type FileStore struct {
	// Dir is the directory of the files.
	Dir string
}

func (s FileStore) path(key string) (string, error) {
	if key == "" || strings.ContainsAny(key, `/\`) || key == "." || key == ".." || strings.HasPrefix(key, ".tmp-") {
		return "", &ArgError{Arg: "key", Reason: fmt.Sprintf("must be a plain file name, got %q", key)}
	}
	return filepath.Join(s.Dir, key), nil
}

// Load reads the file of key, or returns nil when there is none.
func (s FileStore) Load(_ context.Context, key string) ([]byte, error) {
	p, err := s.path(key)
	if err != nil {
		return nil, err
	}
	b, err := os.ReadFile(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	return b, err
}

// Save replaces the file of key with data, atomically and durably.
func (s FileStore) Save(_ context.Context, key string, data []byte) (err error) {
	p, err := s.path(key)
	if err != nil {
		return err
	}
	f, err := os.CreateTemp(s.Dir, ".tmp-"+key+"-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = f.Close()
			_ = os.Remove(f.Name())
		}
	}()
	if _, err = f.Write(data); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	if err = os.Rename(f.Name(), p); err != nil {
		return err
	}
	return syncDir(s.Dir)
}

// syncDir makes a rename in dir durable, where the system can sync a
// directory (Windows cannot: there it is skipped).
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	_ = d.Sync() // best effort: not every system syncs directories
	return d.Close()
}
