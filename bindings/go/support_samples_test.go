package jet_test

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sample is one device payload of tests/data/events with its topic.
type sample struct {
	file    string
	topic   string
	payload []byte
}

// loadSamples reads tests/data/events/topics.tsv and the payloads it names.
func loadSamples(t testing.TB) []sample {
	t.Helper()
	dir := filepath.Join(repoRoot, "tests", "data", "events")
	list, err := os.ReadFile(filepath.Join(dir, "topics.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	var samples []sample
	scanner := bufio.NewScanner(bytes.NewReader(list))
	for scanner.Scan() {
		line := scanner.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Split(line, "\t")
		payload, err := os.ReadFile(filepath.Join(dir, fields[0]))
		if err != nil {
			t.Fatal(err)
		}
		samples = append(samples, sample{file: fields[0], topic: fields[1], payload: payload})
	}
	if len(samples) < 12 {
		t.Fatalf("only %d samples in %s", len(samples), dir)
	}
	return samples
}

// publishSamples publishes every sample to the broker on port.
func publishSamples(t testing.TB, port int, samples []sample) {
	t.Helper()
	for _, s := range samples {
		publish(t, port, s.topic, s.payload)
	}
}

// malformed reports whether a sample is one of the two that are not JET events.
func (s sample) malformed() bool {
	return s.file == "doc-missing-comma.json" || s.file == "not-json.txt"
}
