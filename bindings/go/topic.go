package jet

// #include "shim.h"
import "C"

// Op is a topic's operation.
type Op int32

// The operations of jet.h (JET_OP_*).
const (
	OpAdd    Op = C.JET_OP_ADD
	OpChange Op = C.JET_OP_CHANGE
	OpDelete Op = C.JET_OP_DELETE
	OpAll    Op = C.JET_OP_ALL
)

// Any is "any sub-unit" / "any prefix length" for the integer arguments
// of the topic builders. A string argument left out is "".
const Any = C.JET_ANY

// topic runs one builder with its C arguments and returns the topic.
func topic(build func(args *cstrings, out **C.char) C.jg_result_t) (string, error) {
	var args cstrings
	defer args.free()
	var out *C.char
	if err := check(build(&args, &out)); err != nil {
		return "", err
	}
	return ownedString(out), nil
}

// TopicIFD is the filter of physical interface events:
// /junos/events/kernel/interfaces/ifd/<op>/<ifd>.
func TopicIFD(op Op, ifd string) (string, error) {
	return topic(func(a *cstrings, out **C.char) C.jg_result_t {
		return C.jg_topic_ifd(C.jet_op_t(op), a.opt(ifd), out)
	})
}

// TopicIFL is the filter of logical interface events; subUnit is required
// (not Any) when ifd is given.
func TopicIFL(op Op, ifd string, subUnit int64) (string, error) {
	return topic(func(a *cstrings, out **C.char) C.jg_result_t {
		return C.jg_topic_ifl(C.jet_op_t(op), a.opt(ifd), C.int64_t(subUnit), out)
	})
}

// TopicIFF is the filter of interface family events (family "inet", "inet6", ...).
func TopicIFF(op Op, ifd string, subUnit int64, family string) (string, error) {
	return topic(func(a *cstrings, out **C.char) C.jg_result_t {
		return C.jg_topic_iff(C.jet_op_t(op), a.opt(ifd), C.int64_t(subUnit), a.opt(family), out)
	})
}

// TopicIFA is the filter of interface address events; address is
// "192.0.2.1/24", "2001:db8::1/64" or without "/len".
func TopicIFA(op Op, ifd string, subUnit int64, family, address string) (string, error) {
	return topic(func(a *cstrings, out **C.char) C.jg_result_t {
		return C.jg_topic_ifa(C.jet_op_t(op), a.opt(ifd), C.int64_t(subUnit), a.opt(family), a.opt(address), out)
	})
}

// TopicFirewallFilter is the filter of firewall filter events:
// /junos/events/kernel/firewall/filter/<op>/<filter>.
func TopicFirewallFilter(op Op, filter string) (string, error) {
	return topic(func(a *cstrings, out **C.char) C.jg_result_t {
		return C.jg_topic_firewall_filter(C.jet_op_t(op), a.opt(filter), out)
	})
}

// TopicRoute is the filter of route events; prefixLength is 0-128 or Any.
func TopicRoute(op Op, family, address string, prefixLength int32) (string, error) {
	return topic(func(a *cstrings, out **C.char) C.jg_result_t {
		return C.jg_topic_route(C.jet_op_t(op), a.opt(family), a.opt(address), C.int32_t(prefixLength), out)
	})
}

// TopicRouteTable is the filter of route table events:
// /junos/events/kernel/route-table/<op>/<table>/<lr>.
func TopicRouteTable(op Op, table, logicalRouter string) (string, error) {
	return topic(func(a *cstrings, out **C.char) C.jg_result_t {
		return C.jg_topic_route_table(C.jet_op_t(op), a.opt(table), a.opt(logicalRouter), out)
	})
}

// TopicSyslog is the filter of syslog events with eventID (e.g.
// "UI_COMMIT"), or of all syslog events for "".
func TopicSyslog(eventID string) (string, error) {
	return topic(func(a *cstrings, out **C.char) C.jg_result_t {
		return C.jg_topic_syslog(a.opt(eventID), out)
	})
}

// TopicAllEvents is the filter of every JET event: "/junos/events/#".
func TopicAllEvents() (string, error) {
	return topic(func(_ *cstrings, out **C.char) C.jg_result_t { return C.jg_topic_all_events(out) })
}

// TopicAllKernelEvents is the filter of every kernel event: "/junos/events/kernel/#".
func TopicAllKernelEvents() (string, error) {
	return topic(func(_ *cstrings, out **C.char) C.jg_result_t { return C.jg_topic_all_kernel_events(out) })
}

// TopicConfigUpdate is the topic of configuration commits:
// "/junos/events/genpub/config-update".
func TopicConfigUpdate() (string, error) {
	return topic(func(_ *cstrings, out **C.char) C.jg_result_t { return C.jg_topic_config_update(out) })
}

// ValidateTopic checks that filter is a valid MQTT topic filter.
func ValidateTopic(filter string) error {
	var args cstrings
	defer args.free()
	return check(C.jg_topic_validate(args.add(filter)))
}

// TopicMatches reports whether topic matches the MQTT filter.
func TopicMatches(filter, topic string) (bool, error) {
	var args cstrings
	defer args.free()
	var out C.bool
	err := check(C.jg_topic_matches(args.add(filter), args.add(topic), &out))
	return bool(out), err
}
