//go:build !jet_external

package jet

// Inside the libjet source tree: the header from include/ and the library
// that `cargo build --release` leaves in target/release, found again at run
// time through the rpath. Build with -tags jet_external to take both from
// CGO_CFLAGS and CGO_LDFLAGS (or pkg-config) instead; see README.md.

// #cgo CFLAGS: -I${SRCDIR}/../../include
// #cgo LDFLAGS: -L${SRCDIR}/../../target/release -ljet -Wl,-rpath,${SRCDIR}/../../target/release
import "C"
