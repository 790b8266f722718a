package jet

import (
	"fmt"
	"log/slog"
	"runtime/debug"
)

// guard runs a user's callback; a panic is logged and swallowed, so that
// it never unwinds into libjet and the stream goes on.
func guard(what string, f func()) {
	defer func() {
		if p := recover(); p != nil {
			currentLogger().Error("jet: a "+what+" callback panicked; the stream goes on",
				slog.String("panic", fmt.Sprint(p)), slog.String("stack", string(debug.Stack())))
		}
	}()
	f()
}
