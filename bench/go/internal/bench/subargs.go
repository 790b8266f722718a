package bench

import "fmt"

// SubArgs are the arguments every subscriber takes (bench/README.md, "Subscribers").
type SubArgs struct {
	Host, Topic, ClientID, Mode string
	Port, QoS, Count            int64
	IdleTimeoutMS               int64
	Persistent, Latency         bool
}

const subUsage = "usage: %s --host H --port P --topic FILTER --qos 0|1 --count N\n" +
	"       [--client-id ID --persistent] [--latency] [--idle-timeout-ms MS] [--mode callback|pull|inline]\n" +
	"Receives N messages and prints one JSON object (bench/README.md).\n"

// ParseSub parses a subscriber's command line (with --mode).
func ParseSub(argv []string) *SubArgs {
	a := &SubArgs{Host: "127.0.0.1", Port: 1883, Count: -1, IdleTimeoutMS: 10000, Mode: "callback"}
	usage := fmt.Sprintf(subUsage, Program)
	Parse(argv, []Option{
		{Name: "--host", String: &a.Host},
		{Name: "--port", Number: &a.Port, Min: 1, Max: 65535},
		{Name: "--topic", String: &a.Topic},
		{Name: "--qos", Number: &a.QoS, Min: 0, Max: 1},
		{Name: "--count", Number: &a.Count, Min: 1, Max: 1000000000},
		{Name: "--client-id", String: &a.ClientID},
		{Name: "--persistent", Flag: &a.Persistent},
		{Name: "--latency", Flag: &a.Latency},
		{Name: "--idle-timeout-ms", Number: &a.IdleTimeoutMS, Min: 1, Max: 86400000},
		{Name: "--mode", String: &a.Mode},
	}, usage)
	switch {
	case a.Topic == "":
		UsageError("--topic is required", usage)
	case a.Count < 0:
		UsageError("--count is required", usage)
	case a.Persistent && a.ClientID == "":
		UsageError("--persistent needs --client-id", usage)
	case a.Mode != "callback" && a.Mode != "pull" && a.Mode != "inline":
		UsageError("--mode is callback, pull or inline", usage)
	}
	return a
}
