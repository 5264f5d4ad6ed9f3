package source

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/visitline/visitline/itinerary"
)

// The cache of subscribed URLs: the last good body of each under
// $XDG_CACHE_HOME/visitline/url/ (else os.UserCacheDir's), named by a hash
// of the redacted URL, with a small sidecar of its ETag, Last-Modified,
// fetch time and the body's hash. Both are written to a temporary file
// and renamed, mode 0600; a body whose hash is not the sidecar's (a crash
// between the two renames) is not used.

// cacheMeta is the sidecar of a cached body.
type cacheMeta struct {
	URL      string    `json:"url"` // redacted, for a person looking in the folder
	ETag     string    `json:"etag,omitempty"`
	Modified string    `json:"last_modified,omitempty"`
	Fetched  time.Time `json:"fetched"`
	Sum      string    `json:"sha256"`
}

// maxMeta bounds the sidecar read: it is a few hundred bytes.
const maxMeta = 16 << 10

// cacheDir is the folder of the cache, "" when there is no cache folder.
func cacheDir() string {
	dir, err := os.UserCacheDir() // $XDG_CACHE_HOME first
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "visitline", "url")
}

func sum(data []byte) string {
	s := sha256.Sum256(data)
	return hex.EncodeToString(s[:])
}

// readMeta is the sidecar of key, zero when there is none.
func readMeta(dir, key string) cacheMeta {
	var m cacheMeta
	if dir == "" {
		return m
	}
	b := readLimited(filepath.Join(dir, key+".json"), maxMeta)
	if b == nil || json.Unmarshal(b, &m) != nil || m.Sum == "" {
		return cacheMeta{}
	}
	m.ETag, m.Modified = headerValue(m.ETag), headerValue(m.Modified)
	return m
}

// readBody is the cached body of key when its hash is want, else nil.
func readBody(dir, key string, limit int64, want string) []byte {
	if dir == "" || want == "" {
		return nil
	}
	b := readLimited(filepath.Join(dir, key+".body"), limit)
	if b == nil || sum(b) != want {
		return nil
	}
	return b
}

// readLimited is the regular file at path when it holds at most limit
// bytes, else nil.
func readLimited(path string, limit int64) []byte {
	f, err := itinerary.OpenRegular(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil || int64(len(b)) > limit {
		return nil
	}
	return b
}

// writeCache keeps body and its sidecar; a failure only loses the cache.
func writeCache(dir, key string, body []byte, m cacheMeta) {
	if dir == "" || os.MkdirAll(dir, 0o700) != nil {
		return
	}
	if writeAtomic(filepath.Join(dir, key+".body"), body) == nil {
		writeMeta(dir, key, m)
	}
}

// writeMeta keeps the sidecar of key.
func writeMeta(dir, key string, m cacheMeta) {
	if dir == "" {
		return
	}
	b, err := json.Marshal(m)
	if err != nil {
		return
	}
	_ = writeAtomic(filepath.Join(dir, key+".json"), b)
}

// writeAtomic writes data to a temporary file beside path, mode 0600, and
// renames it to path.
func writeAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if err == nil {
		err = f.Chmod(0o600)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}
