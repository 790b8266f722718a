package jet_test

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"libjet.dev/jet"
)

func TestB01_LoadsAndChecksABI(t *testing.T) {
	if got := jet.LibraryABIVersion(); got != jet.ABIVersion {
		t.Fatalf("library ABI %d, binding ABI %d", got, jet.ABIVersion)
	}
	if v := jet.Version(); !regexp.MustCompile(`^\d+\.\d+\.\d+`).MatchString(v) {
		t.Fatalf("version %q is not a version", v)
	}
	want := filepath.Join(repoRoot, "target", "release", "libjet.so")
	if got, _ := filepath.EvalSymlinks(jet.LibraryPath()); got != want {
		t.Fatalf("library loaded from %q, want %q", jet.LibraryPath(), want)
	}
	if err := jet.ABIMismatch(3, 3, "x"); err != nil {
		t.Fatalf("same ABI refused: %v", err)
	}
	err := jet.ABIMismatch(2, 3, "/opt/lib/libjet.so")
	if err == nil {
		t.Fatal("an ABI mismatch was accepted")
	}
	for _, part := range []string{"version 2", "version 3", "/opt/lib/libjet.so"} {
		if !strings.Contains(err.Error(), part) {
			t.Errorf("mismatch error %q does not name %q", err, part)
		}
	}
}
