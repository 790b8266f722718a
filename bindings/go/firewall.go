package jet

// #include "shim.h"
import "C"

import (
	"context"
	"encoding/json"
)

// The firewall calls. Each call taking a model type has a twin taking the
// raw JSON document of the C ABI (…JSON).

// marshal is v as JSON text for libjet.
func marshal(v any) (string, error) {
	text, err := json.Marshal(v)
	if err != nil {
		return "", bindingError(StatusInvalidArgument, err.Error())
	}
	return string(text), nil
}

// withJSON marshals v and passes the text to call.
func withJSON(v any, call func(string) error) error {
	text, err := marshal(v)
	if err != nil {
		return err
	}
	return call(text)
}

// AddFilter adds a filter.
func (s *Service) AddFilter(ctx context.Context, filter Filter) error {
	return withJSON(filter, func(text string) error { return s.AddFilterJSON(ctx, text) })
}

// AddFilterJSON adds a filter given as a JSON document.
func (s *Service) AddFilterJSON(ctx context.Context, filterJSON string) error {
	return s.call(ctx, func(p *C.jet_service_t, c *C.jet_cancel_t, a *cstrings, t C.uint32_t) C.jg_result_t {
		return C.jg_firewall_filter_add(c, p, a.add(filterJSON), t)
	})
}

// ModifyFilter changes single terms of a filter in one call.
func (s *Service) ModifyFilter(ctx context.Context, name string, family Family, changes []TermChange) error {
	return withJSON(changes, func(text string) error { return s.ModifyFilterJSON(ctx, name, family, text) })
}

// ModifyFilterJSON is ModifyFilter with the changes as a JSON array.
func (s *Service) ModifyFilterJSON(ctx context.Context, name string, family Family, changesJSON string) error {
	return s.call(ctx, func(p *C.jet_service_t, c *C.jet_cancel_t, a *cstrings, t C.uint32_t) C.jg_result_t {
		return C.jg_firewall_filter_modify(c, p, a.add(name), C.jet_family_t(family), a.add(changesJSON), t)
	})
}

// ReplaceFilter replaces a filter this session added with filter (same
// name and family) in one modify call; it may stay bound.
func (s *Service) ReplaceFilter(ctx context.Context, filter Filter) error {
	return withJSON(filter, func(text string) error { return s.ReplaceFilterJSON(ctx, text) })
}

// ReplaceFilterJSON is ReplaceFilter with the filter as JSON.
func (s *Service) ReplaceFilterJSON(ctx context.Context, filterJSON string) error {
	return s.call(ctx, func(p *C.jet_service_t, c *C.jet_cancel_t, a *cstrings, t C.uint32_t) C.jg_result_t {
		return C.jg_firewall_filter_replace(c, p, a.add(filterJSON), t)
	})
}

// DeleteFilter deletes a filter; it must not be bound.
func (s *Service) DeleteFilter(ctx context.Context, name string, family Family) error {
	return s.call(ctx, func(p *C.jet_service_t, c *C.jet_cancel_t, a *cstrings, t C.uint32_t) C.jg_result_t {
		return C.jg_firewall_filter_delete(c, p, a.add(name), C.jet_family_t(family), t)
	})
}

// BindFilter binds filter name to logical interface iface (e.g. "ge-0/0/0.0").
func (s *Service) BindFilter(ctx context.Context, name string, family Family, iface string, direction Direction) error {
	return s.call(ctx, func(p *C.jet_service_t, c *C.jet_cancel_t, a *cstrings, t C.uint32_t) C.jg_result_t {
		return C.jg_firewall_filter_bind(c, p, a.add(name), C.jet_family_t(family), a.add(iface), C.jet_direction_t(direction), t)
	})
}

// UnbindFilter removes a binding made with BindFilter.
func (s *Service) UnbindFilter(ctx context.Context, name string, family Family, iface string, direction Direction) error {
	return s.call(ctx, func(p *C.jet_service_t, c *C.jet_cancel_t, a *cstrings, t C.uint32_t) C.jg_result_t {
		return C.jg_firewall_filter_unbind(c, p, a.add(name), C.jet_family_t(family), a.add(iface), C.jet_direction_t(direction), t)
	})
}

// AddPolicer adds a two-color policer.
func (s *Service) AddPolicer(ctx context.Context, policer Policer) error {
	return withJSON(policer, func(text string) error { return s.AddPolicerJSON(ctx, text) })
}

// AddPolicerJSON adds a policer given as JSON.
func (s *Service) AddPolicerJSON(ctx context.Context, policerJSON string) error {
	return s.call(ctx, func(p *C.jet_service_t, c *C.jet_cancel_t, a *cstrings, t C.uint32_t) C.jg_result_t {
		return C.jg_firewall_policer_add(c, p, a.add(policerJSON), t)
	})
}

// ModifyPolicer changes a policer's parameters.
func (s *Service) ModifyPolicer(ctx context.Context, policer Policer) error {
	return withJSON(policer, func(text string) error { return s.ModifyPolicerJSON(ctx, text) })
}

// ModifyPolicerJSON is ModifyPolicer with the policer as JSON.
func (s *Service) ModifyPolicerJSON(ctx context.Context, policerJSON string) error {
	return s.call(ctx, func(p *C.jet_service_t, c *C.jet_cancel_t, a *cstrings, t C.uint32_t) C.jg_result_t {
		return C.jg_firewall_policer_modify(c, p, a.add(policerJSON), t)
	})
}

// DeletePolicer deletes policer name of scope.
func (s *Service) DeletePolicer(ctx context.Context, name string, scope PolicerScope) error {
	return s.call(ctx, func(p *C.jet_service_t, c *C.jet_cancel_t, a *cstrings, t C.uint32_t) C.jg_result_t {
		return C.jg_firewall_policer_delete(c, p, a.add(name), C.jet_policer_scope_t(scope), t)
	})
}

// counterOf converts libjet's counter.
func counterOf(c C.jet_counter_t) Counter {
	return Counter{Bytes: uint64(c.bytes), Packets: uint64(c.packets)}
}

// Counter reads counter counterName of filter filterName.
func (s *Service) Counter(ctx context.Context, filterName, counterName string) (Counter, error) {
	var out C.jet_counter_t
	err := s.call(ctx, func(p *C.jet_service_t, c *C.jet_cancel_t, a *cstrings, t C.uint32_t) C.jg_result_t {
		return C.jg_firewall_counter_get(c, p, a.add(filterName), a.add(counterName), t, &out)
	})
	return counterOf(out), err
}

// PolicerCounter reads a policer counter of filter filterName (a
// term-specific policer's counter is named "<policer>-<term>").
func (s *Service) PolicerCounter(ctx context.Context, filterName, counterName string) (Counter, error) {
	var out C.jet_counter_t
	err := s.call(ctx, func(p *C.jet_service_t, c *C.jet_cancel_t, a *cstrings, t C.uint32_t) C.jg_result_t {
		return C.jg_firewall_policer_counter_get(c, p, a.add(filterName), a.add(counterName), t, &out)
	})
	return counterOf(out), err
}

// ClearCounter resets a filter counter to zero.
func (s *Service) ClearCounter(ctx context.Context, filterName, counterName string) error {
	return s.call(ctx, func(p *C.jet_service_t, c *C.jet_cancel_t, a *cstrings, t C.uint32_t) C.jg_result_t {
		return C.jg_firewall_counter_clear(c, p, a.add(filterName), a.add(counterName), t)
	})
}

// CountersJSON reads every counter of a filter as libjet's JSON array
// `[{"name": "icmp-count", "bytes": 840, "packets": 10}, …]`.
func (s *Service) CountersJSON(ctx context.Context, filterName string) (string, error) {
	var out *C.char
	err := s.call(ctx, func(p *C.jet_service_t, c *C.jet_cancel_t, a *cstrings, t C.uint32_t) C.jg_result_t {
		return C.jg_firewall_counters_get(c, p, a.add(filterName), t, &out)
	})
	if err != nil {
		return "", err
	}
	return ownedString(out), nil
}

// Counters reads every counter of a filter.
func (s *Service) Counters(ctx context.Context, filterName string) ([]NamedCounter, error) {
	text, err := s.CountersJSON(ctx, filterName)
	if err != nil {
		return nil, err
	}
	var counters []NamedCounter
	if err := json.Unmarshal([]byte(text), &counters); err != nil {
		return nil, bindingError(StatusProtocol, "counters: "+err.Error())
	}
	return counters, nil
}

// SetPurgeTimer sets how long (1-1000 s) the device keeps this client's
// filters after it disconnects (jnx, Junos 24.2+; else ErrUnimplemented).
func (s *Service) SetPurgeTimer(ctx context.Context, seconds uint32) error {
	return s.call(ctx, func(p *C.jet_service_t, c *C.jet_cancel_t, _ *cstrings, t C.uint32_t) C.jg_result_t {
		return C.jg_firewall_purge_timer_set(c, p, C.uint32_t(seconds), t)
	})
}

// PurgeTimer reads the purge timer in seconds.
func (s *Service) PurgeTimer(ctx context.Context) (uint32, error) {
	var out C.uint32_t
	err := s.call(ctx, func(p *C.jet_service_t, c *C.jet_cancel_t, _ *cstrings, t C.uint32_t) C.jg_result_t {
		return C.jg_firewall_purge_timer_get(c, p, t, &out)
	})
	return uint32(out), err
}

// DeletePurgeTimer removes the purge timer setting.
func (s *Service) DeletePurgeTimer(ctx context.Context) error {
	return s.call(ctx, func(p *C.jet_service_t, c *C.jet_cancel_t, _ *cstrings, t C.uint32_t) C.jg_result_t {
		return C.jg_firewall_purge_timer_delete(c, p, t)
	})
}
