package jet_test

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"sync"
	"testing"
	"time"
)

// result is what one example run printed and its exit code.
type result struct {
	stdout, stderr string
	code           int
}

var (
	cExamplesOnce sync.Once
	cExamplesDir  string
)

// cExample is the path of examples/c/NAME.c, compiled once per test run.
func cExample(t *testing.T, name string) string {
	t.Helper()
	cExamplesOnce.Do(func() {
		dir, err := filepath.Abs(filepath.Join(".build", "c-examples"))
		if err != nil {
			t.Fatal(err)
		}
		cExamplesDir = dir
		src := filepath.Join(repoRoot, "examples", "c")
		exec.Command("mkdir", "-p", dir).Run()
		for _, example := range []string{"watch", "firewall", "interfaces"} {
			compileC(t, dir, example, filepath.Join(src, example+".c"), filepath.Join(src, "service_args.c"))
		}
	})
	return filepath.Join(cExamplesDir, name)
}

// goExample is the command that runs the Go example NAME through run-example.
func goExample(name string, args ...string) *exec.Cmd {
	return exec.Command("./run-example", append([]string{name}, args...)...)
}

// runCommand runs cmd to its end.
func runCommand(t *testing.T, cmd *exec.Cmd) result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("%s: %v", cmd.Path, err)
	}
	return result{stdout.String(), stderr.String(), cmd.ProcessState.ExitCode()}
}

var clientID = regexp.MustCompile(`client [^,]+,`)

// sameRun runs the C and the Go example with args and compares what they
// printed (client ids aside) and their exit codes.
func sameRun(t *testing.T, name string, args ...string) result {
	t.Helper()
	c := runCommand(t, exec.Command(cExample(t, name), args...))
	g := runCommand(t, goExample(name, args...))
	mask := func(s string) string { return clientID.ReplaceAllString(s, "client ID,") }
	if mask(c.stdout) != mask(g.stdout) || c.stderr != g.stderr || c.code != g.code {
		t.Fatalf("%s %q differ:\nC  (%d) stdout %q stderr %q\nGo (%d) stdout %q stderr %q",
			name, args, c.code, c.stdout, c.stderr, g.code, g.stdout, g.stderr)
	}
	return g
}

func simArgs(password string) []string {
	return []string{"--device", "127.0.0.1", "--port", strconv.Itoa(device.grpcPort),
		"--user", simUser, "--password", password, "--clear-text"}
}

func TestExamples_FirewallMatchesC(t *testing.T) {
	r := sameRun(t, "firewall", append(simArgs(simPassword), "--interface", "ge-0/0/0.0")...)
	if r.code != 0 || bytes.Count([]byte(r.stdout), []byte("\n")) != 6 {
		t.Fatalf("firewall: %+v", r)
	}
	if r := sameRun(t, "firewall", append(simArgs("wrong"), "--interface", "ge-0/0/0.0")...); r.code != 1 {
		t.Fatalf("wrong password: %+v", r)
	}
	if r := sameRun(t, "firewall", simArgs(simPassword)...); r.code != 2 {
		t.Fatalf("no interface: %+v", r)
	}
	if r := sameRun(t, "firewall", "--port", "0"); r.code != 2 {
		t.Fatalf("bad port: %+v", r)
	}
}

func TestExamples_InterfacesMatchC(t *testing.T) {
	address := []string{"ge-0/0/3.0", "inet", "192.0.2.77/24"}
	c := exec.Command(cExample(t, "interfaces"), append(append(simArgs(simPassword), "--add"), address...)...)
	cAdd := runCommand(t, c)
	goDelete := runCommand(t, goExample("interfaces", append(append(simArgs(simPassword), "--delete"), address...)...))
	goAdd := runCommand(t, goExample("interfaces", append(append(simArgs(simPassword), "--add"), address...)...))
	cDelete := runCommand(t, exec.Command(cExample(t, "interfaces"), append(append(simArgs(simPassword), "--delete"), address...)...))
	if cAdd != goAdd || cDelete != goDelete || cAdd.code != 0 || cDelete.code != 0 {
		t.Fatalf("add: C %+v Go %+v\ndelete: C %+v Go %+v", cAdd, goAdd, cDelete, goDelete)
	}
	if r := sameRun(t, "interfaces", append(append(simArgs(simPassword), "--delete"), address...)...); r.code != 1 {
		t.Fatalf("deleting a missing address: %+v", r)
	}
	if r := sameRun(t, "interfaces", append(simArgs(simPassword), "--add", "ge-0/0/3.0", "inet4", "192.0.2.1/24")...); r.code != 2 {
		t.Fatalf("bad family: %+v", r)
	}
	if r := sameRun(t, "interfaces", append(simArgs(simPassword), "--add", "ge-0/0/3", "inet", "192.0.2.1/24")...); r.code != 2 {
		t.Fatalf("bad interface: %+v", r)
	}
}

func TestExamples_WatchMatchesC(t *testing.T) {
	samples := loadSamples(t)
	probe := "/junos/events/jet-go-probe"
	publishRetained(t, probe, []byte(`{"jet-event": {"event-id": "PROBE", "attributes": {"n": 1}}}`))
	defer publishRetained(t, probe, nil)
	count := strconv.Itoa(len(samples) + 1)
	args := []string{"--port", strconv.Itoa(mosquitto.port), "--count", count}
	c := startWatch(t, exec.Command(cExample(t, "watch"), args...))
	g := startWatch(t, goExample("watch", args...))
	publishSamples(t, mosquitto.port, samples)
	cOut, gOut := c.finish(t), g.finish(t)
	if cOut != gOut || bytes.Count([]byte(gOut), []byte("\n")) != len(samples)+1 {
		t.Fatalf("watch differs:\nC:\n%s\nGo:\n%s", cOut, gOut)
	}
	if r := sameRun(t, "watch", "--count", "0"); r.code != 2 {
		t.Fatalf("bad count: %+v", r)
	}
	if r := sameRun(t, "watch", "--port", strconv.Itoa(freePortOrFail(t)), "--count", "1"); r.code != 1 {
		t.Fatalf("no broker: %+v", r)
	}
}

// running is a watch example that printed its first line.
type running struct {
	cmd    *exec.Cmd
	first  string
	rest   chan string
	stderr bytes.Buffer
}

// startWatch starts a watch and waits for its first line (the retained probe):
// it is then subscribed.
func startWatch(t *testing.T, cmd *exec.Cmd) *running {
	t.Helper()
	r := &running{cmd: cmd, rest: make(chan string, 1)}
	cmd.Stderr = &r.stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	reader := bufio.NewReader(stdout)
	lines := make(chan string, 1)
	go func() {
		first, _ := reader.ReadString('\n')
		lines <- first
		rest, _ := io.ReadAll(reader)
		r.rest <- string(rest)
	}()
	r.first = within(t, lines, 30*time.Second, "first line of watch")
	return r
}

// finish waits for the watch to exit 0 and returns all it printed.
func (r *running) finish(t *testing.T) string {
	t.Helper()
	out := r.first + within(t, r.rest, 30*time.Second, "the rest of watch's output")
	if err := r.cmd.Wait(); err != nil {
		t.Fatalf("watch: %v: %s", err, r.stderr.String())
	}
	return out
}

// publishRetained publishes a retained message (nil clears it).
func publishRetained(t *testing.T, topic string, payload []byte) {
	t.Helper()
	args := []string{"-h", "127.0.0.1", "-p", strconv.Itoa(mosquitto.port), "-t", topic, "-r"}
	if payload == nil {
		args = append(args, "-n")
	} else {
		args = append(args, "-m", string(payload))
	}
	if out, err := exec.Command("mosquitto_pub", args...).CombinedOutput(); err != nil {
		t.Fatalf("mosquitto_pub -r: %v: %s", err, out)
	}
}

func freePortOrFail(t *testing.T) int {
	t.Helper()
	port, err := freePort()
	if err != nil {
		t.Fatal(err)
	}
	return port
}
