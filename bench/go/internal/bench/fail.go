package bench

import (
	"errors"
	"fmt"
	"os"

	"libjet.dev/jet"
)

// Check exits 1 after "<program>: <what>: <status>: <message>" when err is
// not nil, shutting libjet down first.
func Check(err error, what string) {
	if err == nil {
		return
	}
	var jetErr *jet.Error
	if errors.As(err, &jetErr) {
		fmt.Fprintf(os.Stderr, "%s: %s: %s: %s\n", Program, what, jetErr.Status, jetErr.Message)
	} else {
		fmt.Fprintf(os.Stderr, "%s: %s: %v\n", Program, what, err)
	}
	_ = jet.Shutdown()
	os.Exit(ExitFailed)
}
