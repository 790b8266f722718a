package jet_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"sort"
	"testing"
	"time"

	"libjet.dev/jet"
)

// deviceEvent is a sample's JSON as the test reads it.
type deviceEvent struct {
	Event struct {
		ID          string         `json:"event-id"`
		Hostname    string         `json:"hostname"`
		Time        string         `json:"time"`
		Severity    string         `json:"severity"`
		Facility    string         `json:"facility"`
		ProcessID   *int64         `json:"process-id"`
		ProcessName string         `json:"process-name"`
		Message     string         `json:"message"`
		Attributes  map[string]any `json:"attributes"`
	} `json:"jet-event"`
}

// sampleFor finds the sample whose payload is raw.
func sampleFor(t testing.TB, samples []sample, raw []byte) sample {
	t.Helper()
	for _, s := range samples {
		if bytes.Equal(s.payload, raw) {
			return s
		}
	}
	t.Fatalf("an event with an unknown payload: %q", raw)
	return sample{}
}

// checkEvent checks everything the event gives against its sample.
func checkEvent(t testing.TB, s sample, e *jet.Event) {
	t.Helper()
	if e.Topic() != s.topic {
		t.Errorf("%s: topic %q, want %q", s.file, e.Topic(), s.topic)
	}
	if raw, err := e.Raw(); err != nil || !bytes.Equal(raw, s.payload) {
		t.Errorf("%s: raw bytes differ (%v)", s.file, err)
	}
	if s.malformed() {
		checkParseError(t, s, e)
		return
	}
	var want deviceEvent
	if err := json.Unmarshal(s.payload, &want); err != nil {
		t.Fatalf("%s: %v", s.file, err)
	}
	w := want.Event
	header := []string{e.ID(), e.Hostname(), e.Time(), e.Severity(), e.Facility(), e.ProcessName(), e.Message()}
	wantHeader := []string{w.ID, w.Hostname, w.Time, w.Severity, w.Facility, w.ProcessName, w.Message}
	if !e.Parsed() || e.ParseError() != "" || !reflect.DeepEqual(header, wantHeader) {
		t.Errorf("%s: header %q, want %q (parsed %v, %q)", s.file, header, wantHeader, e.Parsed(), e.ParseError())
	}
	if pid, err := e.ProcessID(); w.ProcessID != nil && (err != nil || pid != *w.ProcessID) {
		t.Errorf("%s: process id %d %v, want %d", s.file, pid, err, *w.ProcessID)
	}
	checkAttributes(t, s, e, w.Attributes)
}

// checkParseError checks a payload that is not a JET event.
func checkParseError(t testing.TB, s sample, e *jet.Event) {
	t.Helper()
	if e.Parsed() || e.ParseError() == "" || e.ID() != "" {
		t.Errorf("%s: parsed %v, parse error %q, id %q", s.file, e.Parsed(), e.ParseError(), e.ID())
	}
	if _, err := e.AttrString("name"); !errors.Is(err, jet.ErrParseError) {
		t.Errorf("%s: attribute of an unparsed event: %v", s.file, err)
	}
}

// checkAttributes checks the attributes one by one, by type.
func checkAttributes(t testing.TB, s sample, e *jet.Event, want map[string]any) {
	t.Helper()
	var all map[string]any
	if err := json.Unmarshal([]byte(e.AttributesJSON()), &all); err != nil || !reflect.DeepEqual(all, want) {
		t.Errorf("%s: attributes %s, want %v (%v)", s.file, e.AttributesJSON(), want, err)
	}
	names := make([]string, 0, len(want))
	for name := range want {
		names = append(names, name)
	}
	sort.Strings(names)
	if got := e.AttrNames(); e.AttrCount() != len(names) || !reflect.DeepEqual(got, names) {
		t.Errorf("%s: attribute names %q, want %q", s.file, got, names)
	}
	for name, value := range want {
		checkAttribute(t, s, e, name, value)
	}
	if _, err := e.AttrString("no-such-attribute"); !errors.Is(err, jet.ErrNotFound) {
		t.Errorf("%s: missing attribute: %v", s.file, err)
	}
}

// checkAttribute checks one attribute through its typed accessor.
func checkAttribute(t testing.TB, s sample, e *jet.Event, name string, value any) {
	t.Helper()
	var got any
	var err error
	switch value.(type) {
	case string:
		got, err = e.AttrString(name)
	case float64:
		var n int64
		n, err = e.AttrInt(name)
		got = float64(n)
		if _, wrong := e.AttrString(name); !errors.Is(wrong, jet.ErrWrongType) {
			t.Errorf("%s: %s as a string: %v", s.file, name, wrong)
		}
	case []any:
		var list []string
		list, err = e.AttrStrings(name)
		got = make([]any, len(list))
		for i := range list {
			got.([]any)[i] = list[i]
		}
	}
	if err != nil || !reflect.DeepEqual(got, value) {
		t.Errorf("%s: %s = %v (%v), want %v", s.file, name, got, err, value)
	}
	text, err := e.AttrJSON(name)
	var parsed any
	if err == nil {
		err = json.Unmarshal([]byte(text), &parsed)
	}
	if err != nil || !reflect.DeepEqual(parsed, value) {
		t.Errorf("%s: %s as JSON %q (%v)", s.file, name, text, err)
	}
}

// within waits for one value of ch, failing the test after limit.
func within[T any](t testing.TB, ch <-chan T, limit time.Duration, what string) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(limit):
		t.Fatalf("no %s within %s", what, limit)
	}
	var zero T
	return zero
}
