package serve

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"

	gossh "golang.org/x/crypto/ssh"
)

// maxKeysFile is the largest authorized_keys file read: far more keys than
// a delegation has, and a bound on the work of every re-read.
const maxKeysFile = 1 << 20

// Member is one line of the authorized_keys file: a key and the person
// its sessions open on.
type Member struct {
	Key gossh.PublicKey
	// Person is the person="ID" option's query, "" for none.
	Person string
	// Line is the line of the file the key is on.
	Line int
	// NoPty is the no-pty option: the key's sessions get the printed
	// agenda, never the view.
	NoPty bool
}

// Fingerprint is the key's SHA256 fingerprint, as ssh-keygen -l prints it.
func (m *Member) Fingerprint() string { return gossh.FingerprintSHA256(m.Key) }

// acceptedOptions are the OpenSSH options a line may carry besides person:
// every session is already as restricted as they ask.
var acceptedOptions = []string{"restrict", "no-agent-forwarding", "no-port-forwarding", "no-pty",
	"no-user-rc", "no-x11-forwarding", "no-touch-required"}

// ParseAuthorizedKeys reads an OpenSSH authorized_keys file named name: one
// key a line, blank lines and # comments skipped. Each problem is an error
// line "NAME:LINE: message"; all of them are returned, joined.
func ParseAuthorizedKeys(name string, data []byte) ([]Member, error) {
	var members []Member
	var problems []string
	seen := map[string]int{}
	for i, line := range bytes.Split(data, []byte("\n")) {
		n := i + 1
		line = bytes.TrimSpace(line)
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		fail := func(format string, args ...any) {
			problems = append(problems, fmt.Sprintf("%s:%d: %s", name, n, fmt.Sprintf(format, args...)))
		}
		key, _, options, rest, err := gossh.ParseAuthorizedKey(line)
		if err != nil {
			fail("not an OpenSSH public key line (%v)", strings.TrimPrefix(err.Error(), "ssh: "))
			continue
		}
		if len(bytes.TrimSpace(rest)) > 0 {
			fail("one key a line; this line holds more after the key")
			continue
		}
		m := Member{Key: key, Line: n}
		bad := false
		for _, o := range options {
			person, isPerson, err := personOption(o)
			switch {
			case err != nil:
				fail("%v", err)
				bad = true
			case isPerson && m.Person != "":
				fail("person is given twice")
				bad = true
			case isPerson:
				m.Person = person
			case strings.EqualFold(o, "no-pty"):
				m.NoPty = true
			case !accepted(o):
				fail("option %q is not accepted here; a line may carry person=\"ID\", restrict and %s", o, strings.Join(acceptedOptions[1:], ", "))
				bad = true
			}
		}
		if bad {
			continue
		}
		if at, ok := seen[string(key.Marshal())]; ok {
			fail("the key is already on line %d", at)
			continue
		}
		seen[string(key.Marshal())] = n
		members = append(members, m)
	}
	if len(problems) > 0 {
		return nil, errors.New(strings.Join(problems, "\n"))
	}
	return members, nil
}

// personOption reads option o when it is person="ID".
func personOption(o string) (person string, ok bool, err error) {
	name, value, found := strings.Cut(o, "=")
	if !strings.EqualFold(name, "person") {
		return "", false, nil
	}
	if !found || len(value) < 2 || value[0] != '"' || value[len(value)-1] != '"' {
		return "", true, fmt.Errorf("person takes a quoted value: person=\"ID\", got %q", o)
	}
	value = strings.ReplaceAll(value[1:len(value)-1], `\"`, `"`)
	if strings.TrimSpace(value) == "" {
		return "", true, errors.New(`person="" is empty; give a person id or part of a name`)
	}
	return value, true, nil
}

func accepted(o string) bool {
	for _, a := range acceptedOptions {
		if strings.EqualFold(o, a) {
			return true
		}
	}
	return false
}

// keyring is the authorized_keys file, read again when it changes.
type keyring struct {
	path string
	log  func(string)

	mu      sync.Mutex
	members map[string]*Member // by the key's wire form
	stamp   fileStamp
}

// fileStamp tells one version of a file from another: the same file (not
// one renamed over it), the same size and modification time.
type fileStamp struct{ info os.FileInfo }

func stampOf(info os.FileInfo) fileStamp { return fileStamp{info} }

func (a fileStamp) same(b fileStamp) bool {
	return a.info != nil && b.info != nil && os.SameFile(a.info, b.info) &&
		a.info.Size() == b.info.Size() && a.info.ModTime().Equal(b.info.ModTime())
}

// newKeyring reads path; its problems stop the start.
func newKeyring(path string, log func(string)) (*keyring, error) {
	k := &keyring{path: path, log: log}
	info, members, err := readKeys(path)
	if err != nil {
		return nil, err
	}
	k.set(info, members)
	return k, nil
}

func readKeys(path string) (os.FileInfo, []Member, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, nil, fmt.Errorf("%s: not a regular file", path)
	}
	if info.Size() > maxKeysFile {
		return nil, nil, fmt.Errorf("%s: %d bytes, more than the %d an authorized_keys file may hold", path, info.Size(), maxKeysFile)
	}
	data := make([]byte, info.Size())
	if _, err := f.ReadAt(data, 0); err != nil && info.Size() > 0 {
		return nil, nil, err
	}
	members, err := ParseAuthorizedKeys(path, data)
	return info, members, err
}

func (k *keyring) set(info os.FileInfo, members []Member) {
	k.members = make(map[string]*Member, len(members))
	for i := range members {
		k.members[string(members[i].Key.Marshal())] = &members[i]
	}
	k.stamp = stampOf(info)
}

// lookup is the member whose key is key, reading the file again first
// when it changed. A file that became unreadable or bad keeps the keys
// last read, and says why in the log.
func (k *keyring) lookup(key gossh.PublicKey) (*Member, bool) {
	if key == nil {
		return nil, false
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if info, err := os.Stat(k.path); err == nil && !stampOf(info).same(k.stamp) {
		info, members, err := readKeys(k.path)
		if err != nil {
			k.log(fmt.Sprintf("authorized keys not read again, keeping the %d read before: %v", len(k.members), err))
			if info != nil {
				k.stamp = stampOf(info) // said once a version
			}
		} else {
			k.set(info, members)
			k.log(fmt.Sprintf("authorized keys read again: %d keys", len(members)))
		}
	}
	m, ok := k.members[string(key.Marshal())]
	return m, ok
}
