package jet_test

import (
	"bufio"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// buildGo builds the package at pkg (a path in this module) into dir.
func buildGo(t testing.TB, dir, pkg string) string {
	t.Helper()
	out := filepath.Join(dir, filepath.Base(pkg))
	if b, err := exec.Command("go", "build", "-o", out, pkg).CombinedOutput(); err != nil {
		t.Fatalf("go build %s: %v\n%s", pkg, err, b)
	}
	return out
}

func TestB12_ProgramWithCallbacksExitsByItself(t *testing.T) {
	program := buildGo(t, t.TempDir(), "./testdata/exitprog")
	for _, mode := range []string{"shutdown", "no-shutdown"} {
		t.Run(mode, func(t *testing.T) {
			topic := "/jet-go/b12/" + mode
			cmd := exec.Command(program, strconv.Itoa(mosquitto.port), topic, "3", mode)
			stdout, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			lines := bufio.NewScanner(stdout)
			if !lines.Scan() || lines.Text() != "ready" {
				t.Fatalf("exitprog did not get ready: %q", lines.Text())
			}
			for i := 0; i < 3; i++ {
				publish(t, mosquitto.port, topic, []byte("{}"))
			}
			if !lines.Scan() || lines.Text() != "done" {
				t.Fatalf("exitprog did not receive its events: %q", lines.Text())
			}
			exited := make(chan error, 1)
			go func() { exited <- cmd.Wait() }()
			select {
			case err := <-exited:
				if err != nil {
					t.Fatalf("exitprog: %v", err)
				}
			case <-time.After(10 * time.Second):
				_ = cmd.Process.Kill()
				t.Fatal("exitprog did not exit within 10 s of its last event")
			}
		})
	}
}
