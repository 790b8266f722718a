//! Any text as the JSON form of a filter, a policer, a binding and a list of
//! term changes: nothing panics; what is accepted writes back to JSON that
//! reads as the same value, and converts to both IDL generations' messages
//! (or is refused there with an error).

#![no_main]

use jet::service::firewall::{jnx, legacy, Binding, Family, Filter, Policer, TermChange};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(filter) = Filter::from_json(text) {
        let again = Filter::from_json(&filter.to_json()).expect("a filter's own JSON reads");
        assert_eq!(again, filter);
        let _ = jnx::filter_add(&filter);
        let _ = legacy::filter_add(&filter);
    }
    if let Ok(policer) = Policer::from_json(text) {
        let again = Policer::from_json(&policer.to_json()).expect("a policer's own JSON reads");
        assert_eq!(again, policer);
        let _ = jnx::policer_add(&policer);
        let _ = legacy::policer_add(&policer);
    }
    if let Ok(binding) = Binding::from_json(text) {
        let again = Binding::from_json(&binding.to_json()).expect("a binding's own JSON reads");
        assert_eq!(again, binding);
        let _ = jnx::bind_add(&binding);
        let _ = legacy::bind(&binding);
    }
    if let Ok(changes) = TermChange::list_from_json(text) {
        let json = TermChange::list_to_json(&changes);
        let again = TermChange::list_from_json(&json).expect("term changes' own JSON reads");
        assert_eq!(again, changes);
        for family in [Family::Inet, Family::Inet6] {
            let _ = jnx::filter_modify("f", family, &changes);
            let _ = legacy::filter_modify("f", family, &changes);
        }
    }
});
