package jet_test

import (
	"context"
	"errors"
	"log/slog"
	"slices"
	"strings"
	"testing"
	"time"

	"libjet.dev/jet"
)

// JET state across a reconnect: a session opened with a state mode adds
// and binds a filter on a device; the device reboots (a fresh jet sim
// takes over the address the session uses, with none of its state); the
// session's next call makes libjet check, report and, in StateModeReapply,
// add the filter again.

const (
	stateFilter = "jet-go-state"
	// stateEntry is libjet's report entry for stateFilter.
	stateEntry = "filter " + stateFilter
	// stateWithin bounds every wait: CI is a loaded 2-core machine.
	stateWithin = 30 * time.Second
)

// stateRig is a device behind a switchboard and a session through it that
// added and bound the demo filter; the session's reports arrive on reports.
type stateRig struct {
	device  *sim
	board   *switchboard
	session *jet.Service
	reports chan jet.StateReport
}

// newStateRig starts the device and opens the session in mode; deliver
// (nil: send to reports) is the session's state callback.
func newStateRig(t *testing.T, mode jet.StateMode, deliver func(*stateRig, jet.StateReport)) *stateRig {
	t.Helper()
	r := &stateRig{reports: make(chan jet.StateReport, 4)}
	var err error
	if r.device, err = startSim(repoRoot); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.device.stop() })
	if r.board, err = startSwitchboard(r.device.grpcPort); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(r.board.close)
	ctx, cancel := context.WithTimeout(context.Background(), stateWithin)
	defer cancel()
	r.session, err = jet.OpenService(ctx, jet.ServiceOptions{
		Port: uint16(r.board.port()), User: simUser, Password: simPassword, ClearText: true, State: mode,
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.session.Close() })
	if deliver == nil {
		deliver = func(r *stateRig, report jet.StateReport) { r.reports <- report }
	}
	if err := r.session.OnStateReport(func(report jet.StateReport) { deliver(r, report) }); err != nil {
		t.Fatal(err)
	}
	if err := r.session.AddFilter(ctx, demoFilter(stateFilter)); err != nil {
		t.Fatal(err)
	}
	if err := r.session.BindFilter(ctx, stateFilter, jet.FamilyInet, "ge-0/0/0.0", jet.DirectionInput); err != nil {
		t.Fatal(err)
	}
	return r
}

// reboot replaces the device with a fresh one on the session's address:
// the switchboard cuts the session's connection, and the old device stops.
func (r *stateRig) reboot(t *testing.T) {
	t.Helper()
	fresh, err := startSim(repoRoot)
	if err != nil {
		t.Fatal(err)
	}
	old := r.device
	r.device = fresh
	r.board.moveTo(fresh.grpcPort)
	old.stop()
}

// answered makes an operational command until the device answers (a call
// may fail while the session reconnects), within stateWithin.
func (r *stateRig) answered(t *testing.T) {
	t.Helper()
	deadline := time.Now().Add(stateWithin)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		_, err := r.session.RunCommand(ctx, "show version", jet.CommandCLI, jet.OutputText)
		cancel()
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("no answer after the reboot within %s: %v", stateWithin, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// report waits for the session's next report.
func (r *stateRig) report(t *testing.T) jet.StateReport {
	t.Helper()
	return within(t, r.reports, stateWithin, "state report after the reconnect")
}

func TestB08_StateReapplyAddsAndBindsThePurgedFilterAgain(t *testing.T) {
	r := newStateRig(t, jet.StateModeReapply, nil)
	r.reboot(t)
	r.answered(t)
	report := r.report(t)
	if !slices.Equal(report.Purged, []string{stateEntry}) || !slices.Equal(report.Reapplied, []string{stateEntry}) ||
		len(report.Present) != 0 || len(report.Failed) != 0 {
		t.Fatalf("report %+v", report)
	}
	ctx := context.Background()
	// The fresh device has the filter again: adding it is refused, and it is bound.
	err := r.session.AddFilter(ctx, demoFilter(stateFilter))
	if !errors.Is(err, jet.ErrRefused) && !errors.Is(err, jet.ErrAlreadyExists) {
		t.Fatalf("adding the re-applied filter again: %v", err)
	}
	if err := r.session.UnbindFilter(ctx, stateFilter, jet.FamilyInet, "ge-0/0/0.0", jet.DirectionInput); err != nil {
		t.Fatalf("the re-applied filter is not bound: %v", err)
	}
	if err := r.session.DeleteFilter(ctx, stateFilter, jet.FamilyInet); err != nil {
		t.Fatal(err)
	}
}

func TestB08_StateReportNamesThePurgedFilterAndAPanickingCallbackIsLogged(t *testing.T) {
	log := captureLog(t, slog.LevelError)
	r := newStateRig(t, jet.StateModeReport, func(r *stateRig, report jet.StateReport) {
		r.reports <- report
		panic("boom from the state report callback")
	})
	r.reboot(t)
	r.answered(t)
	report := r.report(t)
	if !slices.Equal(report.Purged, []string{stateEntry}) || len(report.Reapplied) != 0 ||
		len(report.Present) != 0 || len(report.Failed) != 0 {
		t.Fatalf("report %+v", report)
	}
	// Report only: the device is left without the filter, so adding it succeeds.
	ctx := context.Background()
	if err := r.session.AddFilter(ctx, demoFilter(stateFilter)); err != nil {
		t.Fatalf("the filter is on the device after a report-only check: %v", err)
	}
	if err := r.session.DeleteFilter(ctx, stateFilter, jet.FamilyInet); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(stateWithin)
	for !strings.Contains(log.String(), "boom from the state report callback") {
		if time.Now().After(deadline) {
			t.Fatalf("the callback's panic was not logged:\n%s", log.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	if !strings.Contains(log.String(), "state report callback panicked") {
		t.Fatalf("log:\n%s", log.String())
	}
}

func TestB08_StateOffMakesNoReport(t *testing.T) {
	r := newStateRig(t, jet.StateModeOff, nil)
	r.reboot(t)
	r.answered(t)
	r.answered(t)
	// In StateModeOff libjet decides within each call, before it returns, that
	// there is nothing to check, and starts no check: once the calls above
	// returned no report can come, so a short grace is enough.
	select {
	case report := <-r.reports:
		t.Fatalf("a report in StateModeOff: %+v", report)
	case <-time.After(200 * time.Millisecond):
	}
}

func TestB08_StateModeOutOfRangeIsAnInvalidArgument(t *testing.T) {
	_, err := jet.OpenService(context.Background(), jet.ServiceOptions{
		Port: uint16(device.grpcPort), User: simUser, Password: simPassword, ClearText: true, State: jet.StateMode(3),
	})
	if !errors.Is(err, jet.ErrInvalidArgument) || !strings.Contains(err.Error(), "state") {
		t.Fatalf("state 3: %v", err)
	}
}

func TestB08_StateReportCallbackRemovedAndAfterClose(t *testing.T) {
	s, err := openSim(t, simPassword)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.OnStateReport(func(jet.StateReport) {}); err != nil {
		t.Fatal(err)
	}
	if err := s.OnStateReport(nil); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if err := s.OnStateReport(func(jet.StateReport) {}); !errors.Is(err, jet.ErrClosed) {
		t.Fatalf("after Close: %v", err)
	}
}
