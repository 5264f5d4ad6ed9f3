package e2e

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
	"unsafe"
)

func ioctl(fd, req uintptr, arg unsafe.Pointer) error {
	if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, fd, req, uintptr(arg)); e != 0 {
		return e
	}
	return nil
}

// silentTerminal is a pseudo-terminal whose other end never answers a
// query, as some terminals, serial consoles and recorders do not.
type silentTerminal struct {
	master, slave *os.File
	mu            sync.Mutex
	out           bytes.Buffer
}

func openSilentTerminal(t *testing.T, w, h int) *silentTerminal {
	t.Helper()
	master, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminals here: %v", err)
	}
	var unlock int32
	var n uint32
	if err := ioctl(master.Fd(), syscall.TIOCSPTLCK, unsafe.Pointer(&unlock)); err != nil {
		t.Fatal(err)
	}
	if err := ioctl(master.Fd(), syscall.TIOCGPTN, unsafe.Pointer(&n)); err != nil {
		t.Fatal(err)
	}
	slave, err := os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Fatal(err)
	}
	size := [4]uint16{uint16(h), uint16(w), 0, 0}
	if err := ioctl(slave.Fd(), syscall.TIOCSWINSZ, unsafe.Pointer(&size)); err != nil {
		t.Fatal(err)
	}
	st := &silentTerminal{master: master, slave: slave}
	go func() {
		buf := make([]byte, 32<<10)
		for {
			n, err := master.Read(buf)
			st.mu.Lock()
			st.out.Write(buf[:n])
			st.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	t.Cleanup(func() { master.Close(); slave.Close() })
	return st
}

func (st *silentTerminal) output() string {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.out.String()
}

// TestStartOnSilentTerminal: on a terminal that answers no query the view
// starts without asking for the background colour, and a key typed at once
// takes effect.
func TestStartOnSilentTerminal(t *testing.T) {
	st := openSilentTerminal(t, 120, 40)
	cmd := exec.Command(binary, "--now", "2024-01-01T00:00:00Z")
	cmd.Env = []string{"TERM=xterm-256color", "TZ=UTC", "LANG=C.UTF-8", "PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME")}
	cmd.Stdin, cmd.Stdout, cmd.Stderr = st.slave, st.slave, st.slave
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true, Ctty: 0}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	var exitErr error
	go func() { exitErr = cmd.Wait(); close(exited) }()
	defer func() {
		cmd.Process.Kill()
		<-exited
	}()
	st.master.Write([]byte("?"))

	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(st.output(), "scroll details up") {
		if time.Now().After(deadline) {
			t.Fatalf("the key typed at start was lost; the terminal got:\n%q", st.output())
		}
		time.Sleep(20 * time.Millisecond)
	}
	if out := st.output(); strings.Contains(out, "\x1b]11;?") || strings.Contains(out, "\x1b[6n") {
		t.Errorf("the terminal was queried:\n%q", out)
	}
	if !strings.Contains(st.output(), "\x1b[1;38;5;147m") {
		t.Errorf("no colour (the dark background's accent) on a 256-colour terminal:\n%q", st.output())
	}
	st.master.Write([]byte("\x03")) // ctrl+c quits, from the help too
	select {
	case <-exited:
		if exitErr != nil {
			t.Errorf("exit: %v", exitErr)
		}
	case <-time.After(30 * time.Second):
		t.Error("ctrl+c did not quit")
	}
}
