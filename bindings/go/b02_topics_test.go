package jet_test

import (
	"errors"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"libjet.dev/jet"
)

// topicCase is one builder call, written as a line for testdata/topics.c.
type topicCase struct {
	line  string
	build func() (string, error)
}

// topicCases covers every builder with defaults and with arguments, and
// arguments libjet refuses.
func topicCases() []topicCase {
	const a = jet.Any
	return []topicCase{
		{"ifd\t3", func() (string, error) { return jet.TopicIFD(jet.OpAll, "") }},
		{"ifd\t0\tge-0/0/0", func() (string, error) { return jet.TopicIFD(jet.OpAdd, "ge-0/0/0") }},
		{"ifd\t2\tbad#name", func() (string, error) { return jet.TopicIFD(jet.OpDelete, "bad#name") }},
		{"ifl\t3\t~\t-1", func() (string, error) { return jet.TopicIFL(jet.OpAll, "", a) }},
		{"ifl\t1\tge-0/0/0\t0", func() (string, error) { return jet.TopicIFL(jet.OpChange, "ge-0/0/0", 0) }},
		{"ifl\t1\tge-0/0/0\t-1", func() (string, error) { return jet.TopicIFL(jet.OpChange, "ge-0/0/0", a) }},
		{"iff\t3\t~\t-1\t~", func() (string, error) { return jet.TopicIFF(jet.OpAll, "", a, "") }},
		{"iff\t0\tge-0/0/0\t0\tinet6", func() (string, error) { return jet.TopicIFF(jet.OpAdd, "ge-0/0/0", 0, "inet6") }},
		{"ifa\t3\t~\t-1\t~\t~", func() (string, error) { return jet.TopicIFA(jet.OpAll, "", a, "", "") }},
		{"ifa\t0\txe-0/0/0\t0\tinet\t192.0.2.1/32", func() (string, error) {
			return jet.TopicIFA(jet.OpAdd, "xe-0/0/0", 0, "inet", "192.0.2.1/32")
		}},
		{"ifa\t0\txe-0/0/0\t0\tinet\tnot-an-address", func() (string, error) {
			return jet.TopicIFA(jet.OpAdd, "xe-0/0/0", 0, "inet", "not-an-address")
		}},
		{"firewall\t3\t~", func() (string, error) { return jet.TopicFirewallFilter(jet.OpAll, "") }},
		{"firewall\t0\tfilter-by-jet", func() (string, error) { return jet.TopicFirewallFilter(jet.OpAdd, "filter-by-jet") }},
		{"route\t3\t~\t~\t-1", func() (string, error) { return jet.TopicRoute(jet.OpAll, "", "", a) }},
		{"route\t0\tinet\t198.51.100.0\t24", func() (string, error) { return jet.TopicRoute(jet.OpAdd, "inet", "198.51.100.0", 24) }},
		{"route\t0\tinet\t198.51.100.0\t200", func() (string, error) { return jet.TopicRoute(jet.OpAdd, "inet", "198.51.100.0", 200) }},
		{"route-table\t3\t~\t~", func() (string, error) { return jet.TopicRouteTable(jet.OpAll, "", "") }},
		{"route-table\t0\tblue.inet.0\tdefault", func() (string, error) { return jet.TopicRouteTable(jet.OpAdd, "blue.inet.0", "default") }},
		{"syslog\t~", func() (string, error) { return jet.TopicSyslog("") }},
		{"syslog\tUI_COMMIT", func() (string, error) { return jet.TopicSyslog("UI_COMMIT") }},
		{"all", jet.TopicAllEvents},
		{"kernel", jet.TopicAllKernelEvents},
		{"config", jet.TopicConfigUpdate},
	}
}

func TestB02_TopicBuildersMatchC(t *testing.T) {
	program := compileC(t, t.TempDir(), "topics", filepath.Join("testdata", "topics.c"))
	cases := topicCases()
	var input strings.Builder
	for _, c := range cases {
		input.WriteString(c.line + "\n")
	}
	cmd := exec.Command(program)
	cmd.Stdin = strings.NewReader(input.String())
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("topics.c: %v", err)
	}
	want := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if len(want) != len(cases) {
		t.Fatalf("topics.c gave %d lines for %d cases", len(want), len(cases))
	}
	errorsSeen := 0
	for i, c := range cases {
		topic, err := c.build()
		got := topic
		if err != nil {
			errorsSeen++
			var jetErr *jet.Error
			if !errors.As(err, &jetErr) || jetErr.Message == "" || !errors.Is(err, jet.ErrInvalidArgument) {
				t.Errorf("%q: error %v is not a clear invalid-argument error", c.line, err)
			}
			got = "error " + jetErr.Status.String()
		}
		if got != want[i] {
			t.Errorf("%q: Go %q, C %q", c.line, got, want[i])
		}
	}
	if errorsSeen < 3 {
		t.Errorf("only %d of the bad arguments were refused", errorsSeen)
	}
}

func TestB02_TopicValidateAndMatch(t *testing.T) {
	if err := jet.ValidateTopic("/junos/events/kernel/#"); err != nil {
		t.Fatal(err)
	}
	if err := jet.ValidateTopic("/junos/#/x"); !errors.Is(err, jet.ErrInvalidArgument) {
		t.Fatalf("bad filter: %v", err)
	}
	ok, err := jet.TopicMatches("/junos/events/kernel/#", "/junos/events/kernel/interfaces/ifd/add/ge-0/0/0")
	if err != nil || !ok {
		t.Fatalf("match: %v %v", ok, err)
	}
	ok, err = jet.TopicMatches("/junos/events/syslog/+", "/junos/events/kernel/x")
	if err != nil || ok {
		t.Fatalf("no match: %v %v", ok, err)
	}
}
