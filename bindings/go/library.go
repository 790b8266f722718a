package jet

// #include "shim.h"
import "C"

import "fmt"

// ABIVersion is the C ABI version this binding was written for.
const ABIVersion = 3

// init refuses a libjet whose C ABI is not the one this binding speaks.
func init() {
	if err := abiMismatch(uint32(C.jet_abi_version()), ABIVersion, LibraryPath()); err != nil {
		panic(err)
	}
}

// abiMismatch is the error of a library of ABI `got` loaded from `path`,
// or nil when got is `want`.
func abiMismatch(got, want uint32, path string) error {
	if got == want {
		return nil
	}
	return fmt.Errorf("jet: %s has C ABI version %d, but this Go binding needs version %d; "+
		"build the Go binding and libjet from the same release", path, got, want)
}

// Version is libjet's version, e.g. "0.1.0".
func Version() string {
	return C.GoString(C.jet_version())
}

// LibraryABIVersion is the C ABI version of the loaded libjet.
func LibraryABIVersion() uint32 {
	return uint32(C.jet_abi_version())
}

// LibraryPath is the file libjet was loaded from ("" when unknown).
func LibraryPath() string {
	return C.GoString(C.jg_library_path())
}

// Shutdown closes every session and stops every libjet thread. Call it
// before the program exits; never from a callback (ErrWouldDeadlock).
// libjet starts again on next use.
func Shutdown() error {
	return check(C.jg_shutdown())
}
