//! The subscriptions of one session: who wants which topic filter, and how.
//!
//! Readers (the network task routing messages, the dispatcher calling
//! callbacks) take a cheap snapshot; writers replace it. Each MQTT-level filter
//! is counted, so two subscriptions to the same filter share one broker
//! subscription and unsubscribing one keeps the other.

use crate::event::Event;
use crate::topic::{Matcher, TopicName};
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

/// A callback that receives events; it runs on a libjet dispatcher thread.
pub type EventCallback = Box<dyn FnMut(&Event) + Send>;

/// The identifier of a subscription within its session. Never zero.
pub type SubscriptionId = u64;

/// Where a subscription's events go.
pub(crate) enum Delivery {
    /// To a callback, on the dispatcher thread.
    Callback(Mutex<EventCallback>),
    /// To the session's pull queue, read by `next`.
    Pull,
}

/// One subscription.
pub(crate) struct Subscription {
    pub id: SubscriptionId,
    pub filter: Matcher,
    pub delivery: Delivery,
    active: AtomicBool,
}

impl Subscription {
    /// False once unsubscribed: no new call starts after that.
    pub fn is_active(&self) -> bool {
        self.active.load(Ordering::Acquire)
    }

    pub fn is_callback(&self) -> bool {
        matches!(self.delivery, Delivery::Callback(_))
    }

    fn deactivate(&self) {
        self.active.store(false, Ordering::Release);
    }
}

/// An immutable list of the subscriptions at one moment.
pub(crate) type Snapshot = Arc<Vec<Arc<Subscription>>>;

/// What the network task needs to route a message: a filter and its queue.
/// (It holds no subscription, so a callback is never dropped on a runtime thread.)
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RouteEntry {
    pub filter: Matcher,
    pub callback: bool,
}

/// The routing table at one moment.
pub(crate) type RouteTable = Arc<Vec<RouteEntry>>;

/// Which queues a message must go to.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Route {
    pub callback: bool,
    pub pull: bool,
}

/// Routes `topic_name` over `table`. A topic that is not a valid topic name
/// goes nowhere.
pub(crate) fn route(table: &[RouteEntry], topic_name: &TopicName) -> Route {
    let mut route = Route::default();
    if !topic_name.is_routable() {
        return route;
    }
    let topic_name = topic_name.as_str();
    for entry in table {
        let known = if entry.callback {
            route.callback
        } else {
            route.pull
        };
        if !known && entry.filter.matches(topic_name) {
            if entry.callback {
                route.callback = true;
            } else {
                route.pull = true;
            }
        }
    }
    route
}

#[derive(Default)]
struct Inner {
    subs: Snapshot,
    routes: RouteTable,
    filters: HashMap<String, usize>,
    next_id: SubscriptionId,
}

impl Inner {
    fn set(&mut self, subs: Vec<Arc<Subscription>>) {
        let routes = subs
            .iter()
            .map(|s| RouteEntry {
                filter: s.filter.clone(),
                callback: s.is_callback(),
            })
            .collect();
        self.routes = Arc::new(routes);
        self.subs = Arc::new(subs);
    }
}

/// The registry itself.
#[derive(Default)]
pub(crate) struct Registry {
    inner: Mutex<Inner>,
}

impl Registry {
    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The current subscriptions.
    pub fn snapshot(&self) -> Snapshot {
        self.lock().subs.clone()
    }

    /// The current routing table.
    pub fn routes(&self) -> RouteTable {
        self.lock().routes.clone()
    }

    /// Adds a subscription; the flag is true when its filter is new to the broker.
    pub fn add(&self, filter: String, delivery: Delivery) -> (Arc<Subscription>, bool) {
        let mut inner = self.lock();
        inner.next_id += 1;
        let sub = Arc::new(Subscription {
            id: inner.next_id,
            filter: Matcher::new(filter.as_str()),
            delivery,
            active: AtomicBool::new(true),
        });
        let count = inner.filters.entry(filter).or_insert(0);
        *count += 1;
        let first = *count == 1;
        let mut subs: Vec<_> = inner.subs.iter().cloned().collect();
        subs.push(sub.clone());
        inner.set(subs);
        (sub, first)
    }

    /// Removes subscription `id`; the flag is true when nothing else uses its filter.
    pub fn remove(&self, id: SubscriptionId) -> Option<(Arc<Subscription>, bool)> {
        let mut inner = self.lock();
        let position = inner.subs.iter().position(|s| s.id == id)?;
        let mut subs: Vec<_> = inner.subs.iter().cloned().collect();
        let sub = subs.remove(position);
        sub.deactivate();
        inner.set(subs);
        let last = match inner.filters.get_mut(sub.filter.as_str()) {
            Some(count) if *count > 1 => {
                *count -= 1;
                false
            }
            _ => {
                inner.filters.remove(sub.filter.as_str());
                true
            }
        };
        Some((sub, last))
    }

    /// Removes every subscription; returns them and the filters no longer used.
    pub fn remove_all(&self) -> (Vec<Arc<Subscription>>, Vec<String>) {
        let mut inner = self.lock();
        let subs: Vec<_> = inner.subs.iter().cloned().collect();
        for sub in &subs {
            sub.deactivate();
        }
        inner.set(Vec::new());
        let filters = inner.filters.drain().map(|(f, _)| f).collect();
        (subs, filters)
    }

    /// Every filter the broker must know, for resubscribing after a reconnect.
    pub fn filters(&self) -> Vec<String> {
        self.lock().filters.keys().cloned().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(text: &str) -> TopicName {
        TopicName::from(text.to_string())
    }

    #[test]
    fn shared_filters_are_counted() {
        let registry = Registry::default();
        let (a, first_a) = registry.add("/junos/events/#".into(), Delivery::Pull);
        let (b, first_b) = registry.add("/junos/events/#".into(), Delivery::Pull);
        assert!(first_a && !first_b);
        assert_eq!(registry.filters(), vec!["/junos/events/#".to_string()]);
        let (_, last) = registry.remove(a.id).unwrap();
        assert!(!last);
        assert!(!a.is_active() && b.is_active());
        let (_, last) = registry.remove(b.id).unwrap();
        assert!(last);
        assert!(registry.filters().is_empty());
        assert!(registry.remove(b.id).is_none());
    }

    #[test]
    fn routes_to_callback_and_pull_queues() {
        let registry = Registry::default();
        registry.add("a/+".into(), Delivery::Pull);
        registry.add(
            "a/b".into(),
            Delivery::Callback(Mutex::new(Box::new(|_| {}))),
        );
        let table = registry.routes();
        assert_eq!(
            route(&table, &name("a/b")),
            Route {
                callback: true,
                pull: true
            }
        );
        assert_eq!(
            route(&table, &name("a/c")),
            Route {
                callback: false,
                pull: true
            }
        );
        assert_eq!(route(&table, &name("b")), Route::default());
    }
}
