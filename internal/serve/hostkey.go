package serve

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	gossh "golang.org/x/crypto/ssh"
)

// DefaultHostKey is where the host key lives: $XDG_DATA_HOME/visitline/
// ssh_host_ed25519, ~/.local/share/... when XDG_DATA_HOME is not set.
func DefaultHostKey() (string, error) {
	dir := os.Getenv("XDG_DATA_HOME")
	if dir == "" || !filepath.IsAbs(dir) {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("no home directory for the host key (%v); give --host-key", err)
		}
		dir = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(dir, "visitline", "ssh_host_ed25519"), nil
}

// loadHostKey reads the host key at path, making an ed25519 key there
// (mode 0600, its directory 0700) when there is none. A key group or
// others may read is refused.
func loadHostKey(path string) (pemBytes []byte, signer gossh.Signer, created bool, err error) {
	info, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		pemBytes, err = newHostKey(path)
		created = true
	} else if err == nil {
		if !info.Mode().IsRegular() {
			return nil, nil, false, fmt.Errorf("host key %s: not a regular file", path)
		}
		if info.Mode().Perm()&0o077 != 0 {
			return nil, nil, false, fmt.Errorf("host key %s: mode %04o lets others read it; chmod 600 %s", path, info.Mode().Perm(), path)
		}
		pemBytes, err = os.ReadFile(path)
	}
	if err != nil {
		return nil, nil, false, fmt.Errorf("host key: %v", err)
	}
	signer, err = gossh.ParsePrivateKey(pemBytes)
	if err != nil {
		return nil, nil, false, fmt.Errorf("host key %s: %v", path, err)
	}
	return pemBytes, signer, created, nil
}

// newHostKey makes an ed25519 key and writes it to path in OpenSSH's
// format, never over an existing file.
func newHostKey(path string) ([]byte, error) {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	block, err := gossh.MarshalPrivateKey(priv, "visitline serve host key")
	if err != nil {
		return nil, err
	}
	data := pem.EncodeToMemory(block)
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(path)
		return nil, err
	}
	if err := f.Close(); err != nil {
		os.Remove(path)
		return nil, err
	}
	return data, nil
}
