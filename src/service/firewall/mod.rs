//! Firewall filters, policers and counters, with one native model for both
//! IDL generations.
//!
//! A [`Filter`] has a name, a [`Family`] (inet or inet6) and [`Term`]s in
//! order; a term has [`Matches`] and [`Actions`]. Filters are added whole,
//! changed term by term ([`TermChange`]), replaced (see [`replace_plan`]),
//! deleted, and bound to logical interfaces ([`Binding`]). [`Policer`]s are
//! added on their own and named by terms; counters are read as
//! [`CounterValue`]s.
//!
//! The converters are pure functions, one module per wire:
//! [`jnx`] for `jnx.jet.firewall.Firewall` (Junos 19.3 and later, Junos
//! Evolved) and [`legacy`] for `acl.AclService` (Junos 17.x to 19.2). Each
//! validates its input, builds the request message, and turns the device's
//! answer into a [`Result`](crate::Result).
//!
//! ```
//! use jet::service::firewall::{jnx, legacy, Family, Filter, RangeMatch, Term, Terminating};
//!
//! // The demo filter: count and drop ICMP, accept everything else.
//! let mut icmp = Term::new("t1");
//! icmp.matches.protocols = vec![RangeMatch::value(1)]; // "icmp"
//! icmp.actions.count = Some("icmp-count".into());
//! icmp.actions.terminating = Some(Terminating::Discard);
//! let mut rest = Term::new("t2");
//! rest.actions.terminating = Some(Terminating::Accept);
//! let filter = Filter {
//!     name: "jet-demo-icmp".into(),
//!     family: Family::Inet,
//!     terms: vec![icmp, rest],
//! };
//!
//! let add = jnx::filter_add(&filter)?; // jnx.jet.firewall.FilterAddRequest
//! let access_list = legacy::filter_add(&filter)?; // acl.AccessList
//! assert_eq!((add.terms_list.len(), access_list.ace_list.len()), (2, 2));
//! assert_eq!(Filter::from_json(&filter.to_json())?, filter);
//! # Ok::<(), jet::Error>(())
//! ```
//!
//! | Operation | jnx RPC | legacy RPC |
//! |---|---|---|
//! | add a filter | `FilterAdd` | `AccessListAdd` |
//! | change terms, replace a filter | `FilterModify` | `AccessListChange` |
//! | delete a filter | `FilterDelete` | `AccessListDelete` |
//! | bind / unbind | `FilterBindAdd` / `FilterBindDelete` | `AccessListBindAdd` / `AccessListBindDelete` |
//! | add / change / delete a policer | `PolicerAdd` / `PolicerModify` / `PolicerDelete` | `AccessListPolicerAdd` / `AccessListPolicerReplace` / `AccessListPolicerDelete` |
//! | read a filter or policer counter | `FilterCounterGet` / `PolicerCounterGet` | `AccessListCounterGet` / `AccessListPolicerCounterGet` |
//! | read all counters, 10 per call | — | `AccessListCounterBulkGet` / `AccessListPolicerCounterBulkGet` |
//! | clear a counter | `FilterCounterSet` / `PolicerCounterSet` | `AccessListCounterClear` (filter counters only) |
//! | purge timer (24.2+) | `FiltersPurgeTimerAdd` / `Get` / `Delete` | — |
//!
//! # JSON form
//!
//! The C ABI and the `jet` command line take filters, term changes, policers
//! and bindings as JSON; this form is a public contract. Keys are kebab case;
//! unknown keys are refused; every error names the path of the faulty value
//! and what is wrong with it, e.g.
//! `filter.terms[0].matches.destination-ports[1]: 70000 is out of range for a port (0-65535)`.
//!
//! **Filter** `{"name", "family", "terms"}`, all required: `family` is
//! `"inet"` or `"inet6"`; `terms` is an array of **terms**
//! `{"name", "matches"?, "actions"?}`.
//!
//! **Matches** (every key optional; each list matches if any element does,
//! and all present keys must match):
//!
//! | Key | Elements |
//! |---|---|
//! | `source-addresses`, `destination-addresses`, `addresses` (either) | prefix |
//! | `source-ports`, `destination-ports`, `ports` (either) | range, 0–65535 |
//! | `protocols` | range, 0–255, or a protocol name ([`PROTOCOLS`]: `icmp`, `tcp`, `udp`, `icmp6`, `gre`, `ospf`, …); on inet6 the payload protocol |
//! | `icmp-types`, `icmp-codes` | range, 0–255 (ICMPv6 on inet6) |
//! | `dscp` | range, 0–63 |
//! | `packet-lengths` | range, 0–65535 |
//! | `ttls` | range, 0–255; inet only |
//! | `fragment` | one string: `dont-fragment`, `is-fragment`, `first-fragment`, `last-fragment`, or `none` (no condition) |
//! | `interfaces` | logical interface name, e.g. `"ge-0/0/0.0"` |
//!
//! A *prefix* is `"192.0.2.0/24"`, `"2001:db8::/32"` or an address alone
//! (a host prefix), or `{"prefix": "...", "except": true}` to match everything
//! outside it. A *range* is a number `22`, a string `"22"` or `"1024-65535"`
//! (protocols: names allowed at either end), or
//! `{"range": <number or string>, "except": true}`.
//!
//! **Actions**: at most one terminating action — `"accept": true`,
//! `"discard": true`, `"reject": "<reason>"` (a [`RejectReason`] name such
//! as `"port-unreachable"`, `"administratively-prohibited"`, `"tcp-reset"`;
//! `true` means administratively-prohibited), `"routing-instance": "<name>"`
//! — plus any of `"count": "<counter>"`, `"log": true`, `"syslog": true`,
//! `"policer": "<policer>"`, `"next-term": true`. A flag set to `false` is
//! the same as leaving it out.
//!
//! A full example:
//!
//! ```json
//! {
//!   "name": "edge-in",
//!   "family": "inet",
//!   "terms": [
//!     {
//!       "name": "ssh-from-management",
//!       "matches": {
//!         "source-addresses": ["192.0.2.0/24", {"prefix": "192.0.2.66/32", "except": true}],
//!         "protocols": ["tcp"],
//!         "destination-ports": [22, "830-831"]
//!       },
//!       "actions": {"count": "ssh-accepted", "accept": true}
//!     },
//!     {
//!       "name": "ping",
//!       "matches": {"protocols": ["icmp"], "icmp-types": [8], "packet-lengths": ["0-1500"]},
//!       "actions": {"policer": "icmp-1m", "accept": true}
//!     },
//!     {
//!       "name": "fragments",
//!       "matches": {
//!         "fragment": "is-fragment",
//!         "ttls": ["0-1"],
//!         "dscp": [{"range": 46, "except": true}],
//!         "interfaces": ["ge-0/0/0.0"]
//!       },
//!       "actions": {"syslog": true, "discard": true}
//!     },
//!     {
//!       "name": "rest",
//!       "actions": {"log": true, "reject": "port-unreachable"}
//!     }
//!   ]
//! }
//! ```
//!
//! **Term changes** (a modify) are an array of
//! `{"op": "add" | "delete" | "replace", "term": <term>, "adjacency"?: {"before": "<term>"} | {"after": "<term>"}}`;
//! a delete needs only the term's name: `{"op": "delete", "term": {"name": "old"}}`.
//!
//! **Policer**:
//! `{"name", "two-color": {"bandwidth": {"value", "unit"}, "burst": {"value", "unit"}, "then"}, "scope"?}`
//! with rate units `bps`, `kbps`, `mbps`, `gbps`, size units `bytes`,
//! `kbytes`, `mbytes`, `gbytes` (k = 1000, as in the Junos CLI), `then`
//! `"discard"`, `{"loss-priority": "high" | "medium-high" | "medium-low" | "low"}`
//! or `{"forwarding-class": "<name>"}`, and `scope` `"term-specific"`
//! (default) or `"filter-specific"`.
//!
//! **Binding**: `{"filter", "family", "interface", "direction": "input" | "output"}`.
//!
//! Writing ([`Filter::to_json`], serde) gives the short forms: a bare prefix
//! or number where no `except` is needed, protocol names where known, no
//! empty lists, no false flags.
//!
//! # On the wire
//!
//! The same native request becomes these messages:
//!
//! - **Add.** jnx: `FilterAddRequest` with type `TYPE_CLASSIC`, flag
//!   `FLAGS_NONE`, the terms in order, each `TERM_OPERATION_ADD` with
//!   adjacency `TERM_AFTER` the previous term (none for the first: libjet's
//!   choice, so that each term's place is explicit). Legacy: `AccessList`
//!   with `ACL_TYPE_CLASSIC`, `ACL_FLAGS_NONE`, each entry
//!   `ACL_ENTRY_OPERATION_ADD` with adjacency `ACL_ADJACENCY_AFTER` and no
//!   name, as Juniper's own legacy samples do.
//! - **Matches.** An address goes as `IpAddress.addr_string` (the address
//!   text) plus the prefix length; a range as `min`/`max` (one value:
//!   `min == max`, so ICMP is protocol min = max = 1); the operation is
//!   `EQUAL`, or `NOT_EQUAL` for `except`. inet6 uses the inet6 messages'
//!   own tags (`payload_protocols` = 6, `fragment_flag` = 10, …); neither
//!   inet6 message has a TTL match, so TTLs on inet6 are refused.
//! - **Actions.** Booleans are `true` on jnx and `ACL_TRUE` (1) on legacy.
//!   The policer action carries only the policer's name (add the policer
//!   first). Reject reasons: jnx inet uses `ActionIcmpRejectReason`, jnx
//!   inet6 `ActionIcmp6RejectReason` (which has no `tcp-reset`); legacy has
//!   one list (`AclEntryActionRejectReason`) for both families.
//! - **Adjacency.** The enum values shift between generations: jnx
//!   `TERM_AFTER` = 0, `TERM_BEFORE` = 1; legacy `ACL_ADJACENCY_NONE` = 0,
//!   `AFTER` = 1, `BEFORE` = 2. A change without adjacency sends none
//!   (jnx: which reads as `TERM_AFTER` with no name), except a legacy add,
//!   which sends `AFTER` with no name as above. Deletes send only the term's
//!   name.
//! - **Delete** sends the name and family only.
//! - **Bind** sends object type `INTERFACE`, the interface name, the
//!   direction and the filter's family as the bind family; the legacy
//!   `AccessListObjBind.acl` carries the name and family only.
//! - **Policers.** jnx's `PolicerTwoColor` has no unit fields: libjet sends
//!   bits per second and bytes (an overflow is refused). Legacy sends the
//!   value and its unit enum as given.
//! - **Answers.** jnx: a response whose `status.code` is not `SUCCESS` or
//!   whose `sub_code` is not `EOK` is [`ErrorKind::Refused`](crate::ErrorKind::Refused)
//!   with the sub-code as device code; legacy: an `AccessListReturnVal` other
//!   than `ACL_STATUS_EOK` likewise. A counter read's `TIMEOUT` (jnx) or
//!   `ACL_STATUS_BS_TIMEOUT` (legacy) is [`ErrorKind::Timeout`](crate::ErrorKind::Timeout).

mod calls;
mod installed;
pub mod jnx;
mod json;
pub mod legacy;
pub mod replace;
mod types;

pub use calls::Firewall;
pub(crate) use installed::Installed;
pub use replace::replace_plan;
pub use types::{
    protocol_name, protocol_number, validate_changes, Actions, AddressMatch, Adjacency, BindPoint,
    Binding, CounterValue, Direction, Family, Filter, Fragment, LossPriority, Matches, Policer,
    PolicerKind, PolicerScope, PolicerThen, Prefix, RangeMatch, Rate, RateUnit, RejectReason, Size,
    SizeUnit, Term, TermChange, TermOp, Terminating, TwoColor, MAX_NAME_LEN, PROTOCOLS,
};
