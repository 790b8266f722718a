package jet_test

import (
	"bytes"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// broker is a real Mosquitto on a free loopback port, started with a
// generated configuration; it can be stopped and started again on the
// same port.
type broker struct {
	port int
	dir  string
	cmd  *exec.Cmd
}

// freePort asks the kernel for a free loopback port.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// mosquittoPath finds the broker (installed by bindings/go/test).
func mosquittoPath() (string, error) {
	if p, err := exec.LookPath("mosquitto"); err == nil {
		return p, nil
	}
	if _, err := os.Stat("/usr/sbin/mosquitto"); err == nil {
		return "/usr/sbin/mosquitto", nil
	}
	return "", fmt.Errorf("mosquitto is not installed (apt-get install mosquitto mosquitto-clients)")
}

// startBroker starts a broker in a new temporary directory.
func startBroker() (*broker, error) {
	dir, err := os.MkdirTemp("", "jet-go-mosquitto-")
	if err != nil {
		return nil, err
	}
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	b := &broker{port: port, dir: dir}
	return b, b.start()
}

// start runs mosquitto and returns once its port accepts connections.
func (b *broker) start() error {
	path, err := mosquittoPath()
	if err != nil {
		return err
	}
	conf := filepath.Join(b.dir, "mosquitto.conf")
	text := fmt.Sprintf("# written by bindings/go tests\nper_listener_settings false\n"+
		"persistence false\nallow_anonymous true\nlog_dest file %s\nlog_type error\n"+
		"max_queued_messages 0\nmax_inflight_messages 0\nlistener %d 127.0.0.1\n",
		filepath.Join(b.dir, "mosquitto.log"), b.port)
	if err := os.WriteFile(conf, []byte(text), 0o600); err != nil {
		return err
	}
	b.cmd = exec.Command(path, "-c", conf)
	if err := b.cmd.Start(); err != nil {
		return err
	}
	return waitListening(b.port, 10*time.Second)
}

// stop ends mosquitto and waits for it.
func (b *broker) stop() {
	if b.cmd != nil && b.cmd.Process != nil {
		_ = b.cmd.Process.Kill()
		_ = b.cmd.Wait()
		b.cmd = nil
	}
}

// close stops the broker and removes its directory.
func (b *broker) close() {
	b.stop()
	os.RemoveAll(b.dir)
}

// waitListening waits until 127.0.0.1:port accepts a connection.
func waitListening(port int, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for {
		c, err := net.DialTimeout("tcp", "127.0.0.1:"+strconv.Itoa(port), time.Second)
		if err == nil {
			c.Close()
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("nothing listens on port %d after %s: %v", port, limit, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// publish sends one message with mosquitto_pub and waits until it is sent.
func publish(t testing.TB, port int, topic string, payload []byte) {
	t.Helper()
	cmd := exec.Command("mosquitto_pub", "-h", "127.0.0.1", "-p", strconv.Itoa(port), "-t", topic, "-s")
	cmd.Stdin = bytes.NewReader(payload)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("mosquitto_pub %s: %v: %s", topic, err, out)
	}
}
