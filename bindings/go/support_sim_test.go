package jet_test

import (
	"bufio"
	"fmt"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"syscall"
	"time"
)

// The simulator's login.
const (
	simUser     = "jet"
	simPassword = "jet123"
)

// sim is a real `jet sim` on free loopback ports.
type sim struct {
	cmd      *exec.Cmd
	mqttPort int
	grpcPort int
}

var simPorts = regexp.MustCompile(`jet sim: mqtt 127\.0\.0\.1:(\d+) grpc 127\.0\.0\.1:(\d+)`)

// startSim starts target/release/jet sim and reads the ports it printed.
func startSim(root string) (*sim, error) {
	cmd := exec.Command(filepath.Join(root, "target", "release", "jet"), "sim",
		"--mqtt-port", "0", "--grpc-port", "0", "--user", simUser, "--password", simPassword)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	lines := make(chan string, 1)
	go func() {
		scanner := bufio.NewScanner(stdout)
		for scanner.Scan() {
			if simPorts.MatchString(scanner.Text()) {
				lines <- scanner.Text()
			}
		}
	}()
	select {
	case line := <-lines:
		m := simPorts.FindStringSubmatch(line)
		mqtt, _ := strconv.Atoi(m[1])
		grpc, _ := strconv.Atoi(m[2])
		return &sim{cmd: cmd, mqttPort: mqtt, grpcPort: grpc}, nil
	case <-time.After(60 * time.Second):
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		return nil, fmt.Errorf("jet sim printed no ports within 60 s")
	}
}

// stop sends SIGTERM and waits for the simulator.
func (s *sim) stop() {
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { _ = s.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		_ = s.cmd.Process.Kill()
		<-done
	}
}
