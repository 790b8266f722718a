//! A filter of 50,000 terms (issue 19: 5 MB, 137 MB of peak RSS) is read
//! without building its whole JSON DOM: the reader's peak heap is less than
//! what that DOM alone takes, and its errors still name the path.

use jet::service::firewall::Filter;
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard};

/// Counts the bytes allocated now and the most at once since the last reset.
struct Counting;

static NOW: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = NOW.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(now, Ordering::Relaxed);
        System.alloc(layout)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        NOW.fetch_sub(layout.size(), Ordering::Relaxed);
        System.dealloc(ptr, layout)
    }

    // A growing vector is moved by the system's realloc (mremap for large
    // blocks), not copied beside itself: count the change only.
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size >= layout.size() {
            let now = NOW.fetch_add(new_size - layout.size(), Ordering::Relaxed);
            PEAK.fetch_max(now + new_size - layout.size(), Ordering::Relaxed);
        } else {
            NOW.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
        }
        System.realloc(ptr, layout, new_size)
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const TERMS: usize = 50_000;

/// The counters are the whole process's: the tests take turns, so that one
/// test's peak holds none of the other's allocations.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

fn alone() -> MutexGuard<'static, ()> {
    ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner())
}

fn big_filter(bad_last: bool) -> String {
    let mut text = String::from(r#"{"name":"big","family":"inet","terms":["#);
    for i in 0..TERMS {
        let port = if bad_last && i == TERMS - 1 {
            70000
        } else {
            80
        };
        text.push_str(&format!(
            r#"{}{{"name":"t{i:05}","matches":{{"source-addresses":["10.{}.{}.0/24"],"protocols":["tcp"],"destination-ports":[{port}]}},"actions":{{"count":"c{i:05}","accept":true}}}}"#,
            if i == 0 { "" } else { "," },
            (i >> 8) & 255,
            i & 255
        ));
    }
    text.push_str("]}");
    text
}

/// The most bytes `read` holds at once beyond what was allocated before.
fn peak_of<T>(read: impl FnOnce() -> T) -> (T, usize) {
    let before = NOW.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let value = read();
    (value, PEAK.load(Ordering::Relaxed) - before)
}

#[test]
fn a_50000_term_filter_is_read_in_bounded_memory() {
    let _alone = alone();
    let text = big_filter(false);
    let (filter, peak) = peak_of(|| Filter::from_json(&text).expect("the filter reads"));
    assert_eq!(filter.terms.len(), TERMS);
    drop(filter);
    // What the whole document's DOM alone costs, as the reader once built.
    let (dom, dom_peak) = peak_of(|| serde_json::from_str::<serde_json::Value>(&text).unwrap());
    drop(dom);
    println!(
        "document {} bytes: reader peak {peak} bytes ({:.1}x), a DOM alone {dom_peak} bytes ({:.1}x)",
        text.len(),
        peak as f64 / text.len() as f64,
        dom_peak as f64 / text.len() as f64
    );
    // The converted terms are most of it: a reader that built the DOM would
    // peak above the DOM alone (the DOM plus the terms).
    assert!(peak < dom_peak, "reader {peak}, DOM {dom_peak}");
    assert!(
        peak < 12 * text.len(),
        "peak {peak} for {} bytes",
        text.len()
    );
}

#[test]
fn an_error_in_the_last_of_50000_terms_names_its_path() {
    let _alone = alone();
    let error = Filter::from_json(&big_filter(true)).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("filter.terms[49999].matches.destination-ports[0]"),
        "{error}"
    );
}
