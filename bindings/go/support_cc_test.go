package jet_test

import (
	"os/exec"
	"path/filepath"
	"testing"
)

// compileC builds a C program against libjet into dir and returns its path.
func compileC(t testing.TB, dir, name string, sources ...string) string {
	t.Helper()
	out := filepath.Join(dir, name)
	lib := filepath.Join(repoRoot, "target", "release")
	args := []string{"-std=c99", "-Wall", "-I", filepath.Join(repoRoot, "include")}
	args = append(args, sources...)
	args = append(args, "-L", lib, "-ljet", "-Wl,-rpath,"+lib, "-pthread", "-o", out)
	if b, err := exec.Command("cc", args...).CombinedOutput(); err != nil {
		t.Fatalf("cc %v: %v\n%s", sources, err, b)
	}
	return out
}
