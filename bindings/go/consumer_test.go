package jet_test

import (
	"debug/elf"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The consumer program: a module of its own outside the tree.
const consumerMain = `package main

import (
	"fmt"

	"libjet.dev/jet"
)

func main() {
	topic, err := jet.TopicIFD(jet.OpAdd, "ge-0/0/0")
	if err != nil {
		panic(err)
	}
	fmt.Println(jet.Version(), topic, jet.LibraryPath())
	_ = jet.Shutdown()
}
`

// copyFile copies src to dst.
func copyFile(t *testing.T, src, dst string) {
	t.Helper()
	in, err := os.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}

// sonameOf gives the SONAME recorded in the shared library at path, or its
// file name when it records none.
func sonameOf(t *testing.T, path string) string {
	t.Helper()
	file, err := elf.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	names, err := file.DynString(elf.DT_SONAME)
	if err != nil {
		t.Fatal(err)
	}
	if len(names) == 0 {
		return filepath.Base(path)
	}
	return names[0]
}

// TestConsumerModuleOutsideTree installs jet.h and libjet.so into a prefix
// outside the tree and builds a module there that requires the binding
// through a replace directive, with -tags jet_external and the library
// found only through CGO_CFLAGS and CGO_LDFLAGS, as README.md documents.
func TestConsumerModuleOutsideTree(t *testing.T) {
	dir := t.TempDir()
	prefix := filepath.Join(dir, "prefix")
	for _, sub := range []string{"include", "lib", "consumer"} {
		if err := os.MkdirAll(filepath.Join(prefix, sub), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	copyFile(t, filepath.Join(repoRoot, "include", "jet.h"), filepath.Join(prefix, "include", "jet.h"))
	// Installed as an install lays it out: the file under its SONAME, and
	// libjet.so, which the linker looks for, pointing at it.
	built := filepath.Join(repoRoot, "target", "release", "libjet.so")
	soname := sonameOf(t, built)
	copyFile(t, built, filepath.Join(prefix, "lib", soname))
	if soname != "libjet.so" {
		if err := os.Symlink(soname, filepath.Join(prefix, "lib", "libjet.so")); err != nil {
			t.Fatal(err)
		}
	}
	binding, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	module := filepath.Join(prefix, "consumer")
	goMod := "module example.com/consumer\n\ngo 1.22\n\nrequire libjet.dev/jet v0.0.0\n\nreplace libjet.dev/jet => " + binding + "\n"
	if err := os.WriteFile(filepath.Join(module, "go.mod"), []byte(goMod), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(module, "main.go"), []byte(consumerMain), 0o644); err != nil {
		t.Fatal(err)
	}
	lib := filepath.Join(prefix, "lib")
	build := exec.Command("go", "build", "-tags", "jet_external", "-o", "consumer", ".")
	build.Dir = module
	build.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOPROXY=off",
		"CGO_CFLAGS=-I"+filepath.Join(prefix, "include"),
		"CGO_LDFLAGS=-L"+lib+" -ljet -Wl,-rpath,"+lib)
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building the consumer: %v\n%s", err, out)
	}
	out, err := exec.Command(filepath.Join(module, "consumer")).CombinedOutput()
	if err != nil {
		t.Fatalf("running the consumer: %v\n%s", err, out)
	}
	fields := strings.Fields(string(out))
	if len(fields) != 3 || fields[1] != "/junos/events/kernel/interfaces/ifd/add/ge-0/0/0" ||
		fields[2] != filepath.Join(lib, soname) {
		t.Fatalf("consumer printed %q", out)
	}
}
