package jet

// #include "shim.h"
import "C"

// State is a notification session's connection state.
type State int32

// The connection states of jet.h.
const (
	StateConnecting   State = C.JET_CONNECTION_CONNECTING
	StateConnected    State = C.JET_CONNECTION_CONNECTED
	StateReconnecting State = C.JET_CONNECTION_RECONNECTING
	StateClosed       State = C.JET_CONNECTION_CLOSED
	StateIdle         State = C.JET_CONNECTION_IDLE
)

// String names the state: "connecting", "connected", ...
func (s State) String() string {
	switch s {
	case StateConnecting:
		return "connecting"
	case StateConnected:
		return "connected"
	case StateReconnecting:
		return "reconnecting"
	case StateClosed:
		return "closed"
	case StateIdle:
		return "idle"
	}
	return "unknown"
}

// Stats are a notification session's counters.
type Stats struct {
	// Received counts messages received from the broker.
	Received uint64
	// Delivered counts events handed to the application.
	Delivered uint64
	// Dropped counts events dropped because the application was too slow.
	Dropped uint64
	// ParseErrors counts messages that were not valid JET events.
	ParseErrors uint64
	// Reconnects counts reconnects after a lost connection.
	Reconnects uint64
}
