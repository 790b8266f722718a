package jet

// #include "shim.h"
import "C"

import "context"

// AddAddress adds address ("192.0.2.1/24" or "2001:db8::1/64") to logical
// interface ifd.unit (e.g. "ge-0/0/0", 0). A device refusal matches
// ErrRefused, with the device's code in Error.DeviceCode.
func (s *Service) AddAddress(ctx context.Context, ifd string, unit uint32, family Family, address string) error {
	return s.call(ctx, func(p *C.jet_service_t, c *C.jet_cancel_t, a *cstrings, t C.uint32_t) C.jg_result_t {
		return C.jg_interface_address_add(c, p, a.add(ifd), C.uint32_t(unit), C.jet_family_t(family), a.add(address), t)
	})
}

// DeleteAddress deletes address from logical interface ifd.unit
// (ErrNotFound when the device has no such address).
func (s *Service) DeleteAddress(ctx context.Context, ifd string, unit uint32, family Family, address string) error {
	return s.call(ctx, func(p *C.jet_service_t, c *C.jet_cancel_t, a *cstrings, t C.uint32_t) C.jg_result_t {
		return C.jg_interface_address_delete(c, p, a.add(ifd), C.uint32_t(unit), C.jet_family_t(family), a.add(address), t)
	})
}
