package remind

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"
	"github.com/visitline/visitline/internal/testenv"
	"github.com/visitline/visitline/itinerary"
)

// sessionBus starts a private session bus for the test and returns its
// address; it is killed by its pid when the test ends.
func sessionBus(t *testing.T) string {
	t.Helper()
	daemon := testenv.Command(t, "dbus-daemon", "dbus")
	dir := t.TempDir()
	config := filepath.Join(dir, "session.conf")
	conf := `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir=` + dir + `</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`
	if err := os.WriteFile(config, []byte(conf), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(daemon, "--config-file="+config, "--print-address=1", "--print-pid=1", "--fork")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		testenv.Skip(t, "dbus-daemon does not start: %v (install dbus)", err)
	}
	lines := bufio.NewScanner(stdout)
	var addr string
	var pid int
	for lines.Scan() && (addr == "" || pid == 0) {
		l := strings.TrimSpace(lines.Text())
		if n, err := strconv.Atoi(l); err == nil {
			pid = n
		} else if l != "" {
			addr = l
		}
	}
	cmd.Wait()
	if addr == "" || pid == 0 {
		t.Fatalf("dbus-daemon gave address %q and pid %d", addr, pid)
	}
	t.Cleanup(func() { syscall.Kill(pid, syscall.SIGTERM) })
	return addr
}

// notifications is a fake org.freedesktop.Notifications service.
type notifications struct{ got chan []string }

func (n *notifications) Notify(app string, replaces uint32, icon, summary, body string, actions []string, hints map[string]dbus.Variant, timeout int32) (uint32, *dbus.Error) {
	n.got <- []string{app, summary, body}
	return 1, nil
}

// TestDBusNotify: a reminder reaches the notifications service on a
// session bus the test starts.
func TestDBusNotify(t *testing.T) {
	addr := sessionBus(t)
	server, err := dbus.Connect(addr)
	if err != nil {
		t.Fatal(err)
	}
	defer server.Close()
	svc := &notifications{got: make(chan []string, 4)}
	if err := server.Export(svc, notifyPath, notifyService); err != nil {
		t.Fatal(err)
	}
	if reply, err := server.RequestName(notifyService, dbus.NameFlagDoNotQueue); err != nil || reply != dbus.RequestNameReplyPrimaryOwner {
		t.Fatalf("claiming %s: %v %v", notifyService, reply, err)
	}
	bus, err := ConnectBus(addr)
	if err != nil {
		t.Fatal(err)
	}
	defer bus.Close()
	dir := t.TempDir()
	file := writeTrip(t, dir, "Delegation debrief")
	clock := &fakeClock{now: at("2027-03-12T17:59:00+08:00")}
	r := New(Config{Files: []string{file}, Load: itinerary.LoadFile, Notifier: bus, Clock: clock})
	r.Reload(file)
	r.Check(clock.now)
	select {
	case got := <-svc.got:
		if want := fmt.Sprint([]string{"visitline", "Delegation debrief in 1 min", "18:00 · Changi T3"}); fmt.Sprint(got) != want {
			t.Errorf("Notify got %q, want %s", got, want)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no Notify call reached the service")
	}
}

// TestNoSessionBus: without a session bus, SessionBus says so.
func TestNoSessionBus(t *testing.T) {
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path="+filepath.Join(t.TempDir(), "none"))
	if _, err := SessionBus(); err == nil {
		t.Error("a session bus at a path where there is none")
	}
}
