// watch prints the Junos JET notifications a device publishes, one line
// per event: the Go twin of examples/c/watch.c, with the same command line
// and output.
//
//	watch [--device HOST] [--port N] [--user U --password P] [--count N] [TOPIC...]
//
// For each event it prints "<event-id> <topic> <attributes as compact
// JSON>", or "PARSE-ERROR <topic> <byte count>" for a payload that is not a
// JET event. With --count N it exits after N events; otherwise it runs
// until SIGINT or SIGTERM. Exit status: 0 when done, 1 when libjet reports
// an error, 2 for a bad command line.
package main

import (
	"context"
	"fmt"
	"math"
	"os"
	"os/signal"
	"strconv"
	"sync"
	"syscall"

	"libjet.dev/jet"
	"libjet.dev/jet/examples/internal/serviceargs"
)

const defaultTopic = "/junos/events/#"

const usage = "usage: watch [--device HOST] [--port N] [--user U --password P] [--count N] [TOPIC...]\n" +
	"Prints the JET notifications a Junos device publishes, one line per event:\n" +
	"  <event-id> <topic> <attributes as JSON>   or   PARSE-ERROR <topic> <bytes>\n" +
	"  --device HOST  the device (its MQTT broker); default 127.0.0.1\n" +
	"  --port N       the broker's port; default 1883\n" +
	"  --user U       user name, when the device asks for one\n" +
	"  --password P   password of --user\n" +
	"  --count N      exit after N events; default: run until SIGINT or SIGTERM\n" +
	"  TOPIC          MQTT topic filters to watch; default " + defaultTopic + "\n"

// settings are what the command line asks for.
type settings struct {
	device         string
	port           int64
	user, password string
	count          int64 // 0: no limit
	topics         []string
}

// usageError prints "watch: <problem>[: <argument>]" and the usage, then exits 2.
func usageError(problem, argument string) {
	if argument != "" {
		problem += ": " + argument
	}
	fmt.Fprintf(os.Stderr, "watch: %s\n%s", problem, usage)
	os.Exit(2)
}

// parseNumber is the whole of text as a number from min to max, or a usage error.
func parseNumber(option, text string, min, max int64) int64 {
	value, err := strconv.ParseInt(text, 10, 64)
	if err != nil || value < min || value > max {
		usageError(fmt.Sprintf("%s wants a number from %d to %d", option, min, max), text)
	}
	return value
}

func parseArguments(argv []string) settings {
	s := settings{device: "127.0.0.1", port: 1883}
	optionsDone := false
	for i := 0; i < len(argv); i++ {
		arg := argv[i]
		value := func() string {
			if i+1 >= len(argv) {
				usageError("missing value after", arg)
			}
			i++
			return argv[i]
		}
		switch {
		case optionsDone || arg == "" || arg[0] != '-' || arg == "-":
			s.topics = append(s.topics, arg)
		case arg == "--":
			optionsDone = true
		case arg == "--help" || arg == "-h":
			fmt.Print(usage)
			os.Exit(0)
		case arg == "--device":
			s.device = value()
		case arg == "--port":
			s.port = parseNumber(arg, value(), 1, 65535)
		case arg == "--user":
			s.user = value()
		case arg == "--password":
			s.password = value()
		case arg == "--count":
			s.count = parseNumber(arg, value(), 1, math.MaxInt64)
		default:
			usageError("unknown option", arg)
		}
	}
	if s.device == "" {
		usageError("--device must not be empty", "")
	}
	if s.password != "" && s.user == "" {
		usageError("--password needs --user", "")
	}
	return s
}

// watcher is what the event callback and main share.
type watcher struct {
	mu       sync.Mutex
	limit    int64 // 0: no limit
	printed  int64
	stopping bool
	stop     chan struct{} // closed once the limit is reached
}

// printEvent writes one event's line.
func printEvent(e *jet.Event) {
	if e.Parsed() {
		id := e.ID()
		if id == "" {
			id = "-"
		}
		fmt.Printf("%s %s %s\n", id, e.Topic(), e.AttributesJSON())
	} else {
		raw, _ := e.Raw()
		fmt.Printf("PARSE-ERROR %s %d\n", e.Topic(), len(raw))
	}
}

// onEvent runs on a libjet dispatcher thread, one event at a time.
func (w *watcher) onEvent(e *jet.Event) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.stopping {
		return
	}
	printEvent(e)
	w.printed++
	if w.limit > 0 && w.printed >= w.limit {
		w.stopping = true
		close(w.stop)
	}
}

// watch subscribes and waits until done; it returns the exit status.
func watch(s settings, w *watcher, signals <-chan os.Signal) int {
	n, err := jet.OpenNotifications(context.Background(), jet.NotifyOptions{
		Device: s.device, Port: uint16(s.port), User: s.user, Password: s.password,
	})
	if err != nil {
		serviceargs.Report("watch", fmt.Sprintf("cannot connect to %s port %d", s.device, s.port), err)
		return 1
	}
	defer n.Close()
	topics := s.topics
	if len(topics) == 0 {
		topics = []string{defaultTopic}
	}
	for _, topic := range topics {
		if _, err := n.Subscribe(topic, w.onEvent); err != nil {
			serviceargs.Report("watch", "cannot subscribe to "+topic, err)
			return 1
		}
	}
	select {
	case <-w.stop:
	case <-signals:
	}
	return 0
}

func main() {
	s := parseArguments(os.Args[1:])
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, syscall.SIGINT, syscall.SIGTERM)
	w := &watcher{limit: s.count, stop: make(chan struct{})}
	status := watch(s, w, signals)
	_ = jet.Shutdown()
	os.Exit(status)
}
