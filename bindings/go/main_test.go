package jet_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"libjet.dev/jet"
)

// The shared device of the tests: a real Mosquitto and a real jet sim.
var (
	repoRoot  string
	mosquitto *broker
	device    *sim
)

// TestMain starts Mosquitto and jet sim on free loopback ports, runs the
// tests, stops both and shuts libjet down.
func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		return fail(err)
	}
	repoRoot = root
	if mosquitto, err = startBroker(); err != nil {
		return fail(err)
	}
	defer mosquitto.close()
	if device, err = startSim(root); err != nil {
		return fail(err)
	}
	defer device.stop()
	code := m.Run()
	if err := jet.Shutdown(); err != nil {
		return fail(err)
	}
	return code
}

// fail reports a set-up failure loudly.
func fail(err error) int {
	fmt.Fprintln(os.Stderr, "bindings/go tests: set-up failed:", err)
	return 1
}
