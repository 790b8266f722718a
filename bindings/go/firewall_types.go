package jet

// #include "shim.h"
import "C"

import (
	"encoding/json"
	"fmt"
)

// The firewall model as Go types. Each marshals (encoding/json) to the
// JSON document of libjet's C ABI (see the README's filter JSON section);
// libjet checks it and names the path of any mistake.

// Family is an address family.
type Family int32

// The families of jet.h.
const (
	FamilyInet  Family = C.JET_FAMILY_INET
	FamilyInet6 Family = C.JET_FAMILY_INET6
)

// String is "inet" or "inet6".
func (f Family) String() string {
	switch f {
	case FamilyInet:
		return "inet"
	case FamilyInet6:
		return "inet6"
	}
	return fmt.Sprintf("family(%d)", int32(f))
}

// MarshalText writes the family's name.
func (f Family) MarshalText() ([]byte, error) {
	return []byte(f.String()), nil
}

// UnmarshalText reads "inet" or "inet6".
func (f *Family) UnmarshalText(text []byte) error {
	switch string(text) {
	case "inet":
		*f = FamilyInet
	case "inet6":
		*f = FamilyInet6
	default:
		return fmt.Errorf("jet: family must be inet or inet6, not %q", text)
	}
	return nil
}

// Direction is the direction a filter is bound in.
type Direction int32

// The directions of jet.h.
const (
	DirectionInput  Direction = C.JET_DIRECTION_INPUT
	DirectionOutput Direction = C.JET_DIRECTION_OUTPUT
)

// Filter is a firewall filter: {"name", "family", "terms"}.
type Filter struct {
	Name   string `json:"name"`
	Family Family `json:"family"`
	Terms  []Term `json:"terms"`
}

// Term is one term of a filter; a term to delete needs only its name.
type Term struct {
	Name    string   `json:"name"`
	Matches *Matches `json:"matches,omitempty"`
	Actions *Actions `json:"actions,omitempty"`
}

// Matches are a term's conditions: each list matches if any element does,
// and every list given must match.
type Matches struct {
	SourceAddresses      []AddressMatch `json:"source-addresses,omitempty"`
	DestinationAddresses []AddressMatch `json:"destination-addresses,omitempty"`
	Addresses            []AddressMatch `json:"addresses,omitempty"`
	SourcePorts          []RangeMatch   `json:"source-ports,omitempty"`
	DestinationPorts     []RangeMatch   `json:"destination-ports,omitempty"`
	Ports                []RangeMatch   `json:"ports,omitempty"`
	Protocols            []RangeMatch   `json:"protocols,omitempty"`
	ICMPTypes            []RangeMatch   `json:"icmp-types,omitempty"`
	ICMPCodes            []RangeMatch   `json:"icmp-codes,omitempty"`
	DSCP                 []RangeMatch   `json:"dscp,omitempty"`
	PacketLengths        []RangeMatch   `json:"packet-lengths,omitempty"`
	TTLs                 []RangeMatch   `json:"ttls,omitempty"`
	// Fragment is "dont-fragment", "is-fragment", "first-fragment", "last-fragment" or "none".
	Fragment string `json:"fragment,omitempty"`
	// Interfaces are logical interface names, e.g. "ge-0/0/0.0".
	Interfaces []string `json:"interfaces,omitempty"`
}

// AddressMatch is a prefix ("192.0.2.0/24", "2001:db8::/32" or an address
// alone); Except matches everything outside it.
type AddressMatch struct {
	Prefix string
	Except bool
}

// MarshalJSON writes a bare prefix, or {"prefix", "except": true}.
func (a AddressMatch) MarshalJSON() ([]byte, error) {
	if !a.Except {
		return json.Marshal(a.Prefix)
	}
	return json.Marshal(struct {
		Prefix string `json:"prefix"`
		Except bool   `json:"except"`
	}{a.Prefix, true})
}

// RangeMatch is a number or range as text: "22", "1024-65535", or for
// protocols a name such as "icmp"; Except matches everything outside it.
type RangeMatch struct {
	Range  string
	Except bool
}

// MarshalJSON writes the range as a string, or {"range", "except": true}.
func (r RangeMatch) MarshalJSON() ([]byte, error) {
	if !r.Except {
		return json.Marshal(r.Range)
	}
	return json.Marshal(struct {
		Range  string `json:"range"`
		Except bool   `json:"except"`
	}{r.Range, true})
}

// Values makes one RangeMatch per value: Values("icmp"), Values("22", "830-831").
func Values(values ...string) []RangeMatch {
	ranges := make([]RangeMatch, len(values))
	for i, v := range values {
		ranges[i] = RangeMatch{Range: v}
	}
	return ranges
}

// Prefixes makes one AddressMatch per prefix.
func Prefixes(prefixes ...string) []AddressMatch {
	matches := make([]AddressMatch, len(prefixes))
	for i, p := range prefixes {
		matches[i] = AddressMatch{Prefix: p}
	}
	return matches
}

// Actions are what a term does: at most one terminating action (Accept,
// Discard, Reject, RoutingInstance) plus any of the others.
type Actions struct {
	Accept  bool `json:"accept,omitempty"`
	Discard bool `json:"discard,omitempty"`
	// Reject is a reason such as "port-unreachable" or "tcp-reset".
	Reject          string `json:"reject,omitempty"`
	RoutingInstance string `json:"routing-instance,omitempty"`
	Count           string `json:"count,omitempty"`
	Log             bool   `json:"log,omitempty"`
	Syslog          bool   `json:"syslog,omitempty"`
	Policer         string `json:"policer,omitempty"`
	NextTerm        bool   `json:"next-term,omitempty"`
}

// TermOp is what a TermChange does.
type TermOp string

// The term changes.
const (
	TermAdd     TermOp = "add"
	TermDelete  TermOp = "delete"
	TermReplace TermOp = "replace"
)

// TermChange is one change of a filter modify.
type TermChange struct {
	Op   TermOp `json:"op"`
	Term Term   `json:"term"`
	// Adjacency places an added term; nil adds it at the end.
	Adjacency *Adjacency `json:"adjacency,omitempty"`
}

// Adjacency places a term before or after another (set one of the two).
type Adjacency struct {
	Before string `json:"before,omitempty"`
	After  string `json:"after,omitempty"`
}

// PolicerScope says whether a policer has an instance per term or one per filter.
type PolicerScope int32

// The scopes of jet.h.
const (
	PolicerTermSpecific   PolicerScope = C.JET_POLICER_TERM_SPECIFIC
	PolicerFilterSpecific PolicerScope = C.JET_POLICER_FILTER_SPECIFIC
)

// MarshalText writes "term-specific" or "filter-specific".
func (s PolicerScope) MarshalText() ([]byte, error) {
	if s == PolicerFilterSpecific {
		return []byte("filter-specific"), nil
	}
	return []byte("term-specific"), nil
}

// Policer is a single-rate two-color policer.
type Policer struct {
	Name     string       `json:"name"`
	TwoColor TwoColor     `json:"two-color"`
	Scope    PolicerScope `json:"scope,omitempty"`
}

// TwoColor is a two-color policer's rate, burst and action.
type TwoColor struct {
	Bandwidth Amount      `json:"bandwidth"`
	Burst     Amount      `json:"burst"`
	Then      PolicerThen `json:"then"`
}

// Amount is a rate (units bps, kbps, mbps, gbps) or a size (bytes, kbytes,
// mbytes, gbytes).
type Amount struct {
	Value uint64 `json:"value"`
	Unit  string `json:"unit"`
}

// PolicerThen is what a policer does to traffic above its rate: Discard,
// or set LossPriority ("high", "medium-high", "medium-low", "low") or
// ForwardingClass.
type PolicerThen struct {
	Discard         bool
	LossPriority    string
	ForwardingClass string
}

// MarshalJSON writes "discard", {"loss-priority"} or {"forwarding-class"}.
func (t PolicerThen) MarshalJSON() ([]byte, error) {
	switch {
	case t.LossPriority != "":
		return json.Marshal(map[string]string{"loss-priority": t.LossPriority})
	case t.ForwardingClass != "":
		return json.Marshal(map[string]string{"forwarding-class": t.ForwardingClass})
	}
	return json.Marshal("discard")
}

// Counter is a counter's value.
type Counter struct {
	Bytes   uint64 `json:"bytes"`
	Packets uint64 `json:"packets"`
}

// NamedCounter is one counter of a filter.
type NamedCounter struct {
	Name string `json:"name"`
	Counter
}
