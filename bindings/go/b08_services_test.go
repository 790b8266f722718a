package jet_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"libjet.dev/jet"
)

// openSim opens a service session on the simulator.
func openSim(t testing.TB, password string) (*jet.Service, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	return jet.OpenService(ctx, jet.ServiceOptions{
		Port: uint16(device.grpcPort), User: simUser, Password: password, ClearText: true,
	})
}

// mustOpenSim opens a logged-in session, closed at the end of the test.
func mustOpenSim(t testing.TB) *jet.Service {
	t.Helper()
	s, err := openSim(t, simPassword)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// simEvents subscribes to topic on the simulator's broker.
func simEvents(t *testing.T, topic string) <-chan string {
	t.Helper()
	n, err := jet.OpenNotifications(context.Background(), jet.NotifyOptions{Port: uint16(device.mqttPort)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { n.Close() })
	ids := make(chan string, 16)
	if _, err := n.Subscribe(topic, func(e *jet.Event) { ids <- e.ID() }); err != nil {
		t.Fatal(err)
	}
	return ids
}

func TestB08_Login(t *testing.T) {
	s := mustOpenSim(t)
	if s.ClientID() == "" {
		t.Fatal("no client id")
	}
	if g, err := s.Generation(jet.ServiceAuthentication); err != nil || g == jet.GenerationUnknown {
		t.Fatalf("login generation %v %v", g, err)
	}
	if _, err := openSim(t, "wrong-password"); !errors.Is(err, jet.ErrNotAuthorized) {
		t.Fatalf("wrong password: %v", err)
	}
}

func TestB08_AddressAddDeleteSeenAsEvents(t *testing.T) {
	s := mustOpenSim(t)
	added, _ := jet.TopicIFA(jet.OpAdd, "ge-0/0/1", 0, "inet", "")
	deleted, _ := jet.TopicIFA(jet.OpDelete, "ge-0/0/1", 0, "inet", "")
	adds, deletes := simEvents(t, added), simEvents(t, deleted)
	ctx := context.Background()
	if err := s.AddAddress(ctx, "ge-0/0/1", 0, jet.FamilyInet, "198.51.100.7/24"); err != nil {
		t.Fatal(err)
	}
	if id := within(t, adds, 20*time.Second, "IFA add event"); id != "KERNEL_EVENT_IFA_ADD" {
		t.Fatalf("event %q", id)
	}
	if err := s.DeleteAddress(ctx, "ge-0/0/1", 0, jet.FamilyInet, "198.51.100.7/24"); err != nil {
		t.Fatal(err)
	}
	if id := within(t, deletes, 20*time.Second, "IFA delete event"); id != "KERNEL_EVENT_IFA_DELETE" {
		t.Fatalf("event %q", id)
	}
	if err := s.DeleteAddress(ctx, "ge-0/0/1", 0, jet.FamilyInet, "198.51.100.7/24"); !errors.Is(err, jet.ErrNotFound) {
		t.Fatalf("deleting a missing address: %v", err)
	}
}

// demoFilter is the C example's filter as native types.
func demoFilter(name string) jet.Filter {
	return jet.Filter{Name: name, Family: jet.FamilyInet, Terms: []jet.Term{
		{Name: "t1", Matches: &jet.Matches{Protocols: jet.Values("icmp")},
			Actions: &jet.Actions{Count: "icmp-count", Discard: true}},
		{Name: "t2", Actions: &jet.Actions{Accept: true}},
	}}
}

func TestB08_FilterLifecycle(t *testing.T) {
	s := mustOpenSim(t)
	ctx := context.Background()
	name := "jet-go-b08"
	filterEvents := simEvents(t, mustTopic(jet.TopicFirewallFilter(jet.OpAll, name)))
	if err := s.AddFilter(ctx, demoFilter(name)); err != nil {
		t.Fatal(err)
	}
	within(t, filterEvents, 20*time.Second, "firewall filter event")
	if g, _ := s.Generation(jet.ServiceFirewall); g == jet.GenerationUnknown {
		t.Fatal("firewall generation unknown after a call")
	}
	if err := s.BindFilter(ctx, name, jet.FamilyInet, "ge-0/0/0.0", jet.DirectionInput); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Counter(ctx, name, "icmp-count"); err != nil {
		t.Fatal(err)
	}
	counters, err := s.Counters(ctx, name)
	if err != nil || len(counters) != 1 || counters[0].Name != "icmp-count" {
		t.Fatalf("counters %+v %v", counters, err)
	}
	change := []jet.TermChange{{Op: jet.TermAdd, Term: jet.Term{Name: "t0",
		Matches: &jet.Matches{Protocols: jet.Values("tcp"), DestinationPorts: jet.Values("22")},
		Actions: &jet.Actions{Count: "ssh", Accept: true}}, Adjacency: &jet.Adjacency{Before: "t1"}}}
	if err := s.ModifyFilter(ctx, name, jet.FamilyInet, change); err != nil {
		t.Fatal(err)
	}
	if err := s.ClearCounter(ctx, name, "icmp-count"); err != nil {
		t.Fatal(err)
	}
	if err := s.ReplaceFilter(ctx, demoFilter(name)); err != nil {
		t.Fatal(err)
	}
	if err := s.UnbindFilter(ctx, name, jet.FamilyInet, "ge-0/0/0.0", jet.DirectionInput); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteFilter(ctx, name, jet.FamilyInet); err != nil {
		t.Fatal(err)
	}
}

func TestB08_Policer(t *testing.T) {
	s := mustOpenSim(t)
	ctx := context.Background()
	p := jet.Policer{Name: "jet-go-p1", TwoColor: jet.TwoColor{
		Bandwidth: jet.Amount{Value: 10, Unit: "mbps"}, Burst: jet.Amount{Value: 100, Unit: "kbytes"},
		Then: jet.PolicerThen{Discard: true}}}
	if err := s.AddPolicer(ctx, p); err != nil {
		t.Fatal(err)
	}
	p.TwoColor.Then = jet.PolicerThen{LossPriority: "high"}
	if err := s.ModifyPolicer(ctx, p); err != nil {
		t.Fatal(err)
	}
	filter := jet.Filter{Name: "jet-go-policed", Family: jet.FamilyInet, Terms: []jet.Term{
		{Name: "t1", Actions: &jet.Actions{Policer: p.Name, Accept: true}}}}
	if err := s.AddFilter(ctx, filter); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PolicerCounter(ctx, filter.Name, p.Name+"-t1"); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteFilter(ctx, filter.Name, jet.FamilyInet); err != nil {
		t.Fatal(err)
	}
	if err := s.DeletePolicer(ctx, p.Name, jet.PolicerTermSpecific); err != nil {
		t.Fatal(err)
	}
}

func TestB08_OperationalCommandAndConfig(t *testing.T) {
	s := mustOpenSim(t)
	ctx := context.Background()
	out, err := s.RunCommand(ctx, "show version", jet.CommandCLI, jet.OutputText)
	if err != nil || strings.TrimSpace(out) == "" {
		t.Fatalf("show version: %q %v", out, err)
	}
	commits := simEvents(t, mustTopic(jet.TopicConfigUpdate()))
	config := "set system host-name jet-go-test"
	if err := s.LoadConfigAndCommit(ctx, config, jet.ConfigSet, jet.LoadMerge, "from the Go tests"); err != nil {
		t.Fatal(err)
	}
	within(t, commits, 20*time.Second, "config-update event")
	if err := s.LoadConfig(ctx, config, jet.ConfigSet, jet.LoadMerge); err != nil {
		t.Fatal(err)
	}
}

// mustTopic is a topic that the test knows is valid.
func mustTopic(topic string, err error) string {
	if err != nil {
		panic(err)
	}
	return topic
}

func TestB08_PurgeTimer(t *testing.T) {
	s := mustOpenSim(t)
	ctx := context.Background()
	if err := s.SetPurgeTimer(ctx, 120); err != nil {
		t.Fatal(err)
	}
	if seconds, err := s.PurgeTimer(ctx); err != nil || seconds != 120 {
		t.Fatalf("purge timer %d %v", seconds, err)
	}
	if err := s.DeletePurgeTimer(ctx); err != nil {
		t.Fatal(err)
	}
	if err := s.SetPurgeTimer(ctx, 5000); !errors.Is(err, jet.ErrInvalidArgument) && !errors.Is(err, jet.ErrRefused) {
		t.Fatalf("an out-of-range purge timer: %v", err)
	}
}
