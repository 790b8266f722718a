// Package bench is what the Go benchmark programs share, as bench/c/common.c
// has it for C: the command line, the monotonic clock, the JSON object each
// program prints at the end, latency quantiles and the tally of a
// subscriber. bench/README.md is the contract.
package bench

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
)

// Exit statuses of bench/README.md.
const (
	ExitDone   = 0
	ExitFailed = 1
	ExitUsage  = 2
	ExitShort  = 3
)

// Program is the program's name for messages.
var Program = filepath.Base(os.Args[0])

// UsageError prints "<program>: <problem>" and usage on stderr, then exits 2.
func UsageError(problem, usage string) {
	fmt.Fprintf(os.Stderr, "%s: %s\n%s", Program, problem, usage)
	os.Exit(ExitUsage)
}

// Option is one "--name": a string, a number in [Min, Max], or a flag.
type Option struct {
	Name     string
	String   *string
	Number   *int64
	Flag     *bool
	Min, Max int64
}

// Parse reads argv (without the program name) against opts; --help and
// mistakes print usage and exit 2.
func Parse(argv []string, opts []Option, usage string) {
	for i := 0; i < len(argv); i++ {
		if argv[i] == "--help" || argv[i] == "-h" {
			fmt.Fprint(os.Stderr, usage)
			os.Exit(ExitUsage)
		}
		opt := find(opts, argv[i])
		if opt == nil {
			UsageError("unknown argument "+argv[i], usage)
		}
		if opt.Flag != nil {
			*opt.Flag = true
			continue
		}
		if i+1 >= len(argv) {
			UsageError(opt.Name+" needs a value", usage)
		}
		i++
		if opt.String != nil {
			*opt.String = argv[i]
			continue
		}
		value, err := strconv.ParseInt(argv[i], 10, 64)
		if err != nil || value < opt.Min || value > opt.Max {
			UsageError(fmt.Sprintf("%s: %s is not a number from %d to %d", opt.Name, argv[i], opt.Min, opt.Max), usage)
		}
		*opt.Number = value
	}
}

// find is the option called name, or nil.
func find(opts []Option, name string) *Option {
	for i := range opts {
		if opts[i].Name == name {
			return &opts[i]
		}
	}
	return nil
}
