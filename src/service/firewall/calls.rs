//! The firewall service of a session: `session.firewall()`, the same API on
//! both IDL generations.
//!
//! The session remembers the filters, bindings and policers it installed
//! ([`Installed`]).

use super::installed::Installed;
use super::types::{Binding, CounterValue, Family, Filter, Policer, PolicerScope, TermChange};
use super::{jnx, legacy, replace_plan};
use crate::error::{Error, ErrorKind, Result};
use crate::proto::jnx::firewall::firewall_client::FirewallClient;
use crate::proto::legacy::acl::acl_service_client::AclServiceClient;
use crate::service::options::Generation;
use crate::service::session::{Service, ServiceSession};
use crate::service::status::from_status;
use tonic::transport::Channel;

/// The firewall service of a session.
#[derive(Debug, Clone, Copy)]
pub struct Firewall<'a> {
    session: &'a ServiceSession,
}

impl ServiceSession {
    /// The firewall service.
    pub fn firewall(&self) -> Firewall<'_> {
        Firewall { session: self }
    }
}

/// Maps a failed gRPC call of operation `what`.
fn grpc(what: &'static str) -> impl Fn(tonic::Status) -> Error {
    move |status| from_status(what, &status)
}

impl Firewall<'_> {
    fn installed(&self) -> &Installed {
        self.session.installed_filters()
    }

    fn call<T, F, Fut>(&self, call: F) -> Result<T>
    where
        F: Fn(Channel, Generation) -> Fut,
        Fut: std::future::Future<Output = Result<T>>,
    {
        self.session.call(Service::Firewall, call)
    }

    /// Adds a whole filter.
    pub fn add(&self, filter: &Filter) -> Result<()> {
        let what = "filter add";
        self.call(|channel, generation| async move {
            match generation {
                Generation::Jnx => {
                    let reply = FirewallClient::new(channel)
                        .filter_add(jnx::filter_add(filter)?)
                        .await
                        .map_err(grpc(what))?;
                    jnx::check(what, reply.get_ref())
                }
                Generation::Legacy => {
                    let reply = AclServiceClient::new(channel)
                        .access_list_add(legacy::filter_add(filter)?)
                        .await
                        .map_err(grpc(what))?;
                    legacy::check(what, reply.get_ref())
                }
            }
        })?;
        self.installed().remember(filter);
        Ok(())
    }

    /// Adds, deletes or replaces single terms of filter `name` in one call.
    pub fn modify(&self, name: &str, family: Family, changes: &[TermChange]) -> Result<()> {
        let what = "filter modify";
        self.call(|channel, generation| async move {
            match generation {
                Generation::Jnx => {
                    let request = jnx::filter_modify(name, family, changes)?;
                    let reply = FirewallClient::new(channel)
                        .filter_modify(request)
                        .await
                        .map_err(grpc(what))?;
                    jnx::check(what, reply.get_ref())
                }
                Generation::Legacy => {
                    let request = legacy::filter_modify(name, family, changes)?;
                    let reply = AclServiceClient::new(channel)
                        .access_list_change(request)
                        .await
                        .map_err(grpc(what))?;
                    legacy::check(what, reply.get_ref())
                }
            }
        })?;
        self.installed().modified(name, changes);
        Ok(())
    }

    /// Replaces a filter this session added with `filter` (same name and
    /// family), in one modify call: see [`replace_plan`] for how.
    pub fn replace(&self, filter: &Filter) -> Result<()> {
        let old = self.installed().get(&filter.name).ok_or_else(|| {
            Error::invalid(format!(
                "filter '{}' was not added by this session: replace needs its current terms",
                filter.name
            ))
        })?;
        let plan = replace_plan(&old, filter)?;
        self.modify(&filter.name, filter.family, &plan)?;
        self.installed().remember(filter);
        Ok(())
    }

    /// Deletes filter `name` (it must not be bound).
    pub fn delete(&self, name: &str, family: Family) -> Result<()> {
        let what = "filter delete";
        self.call(|channel, generation| async move {
            match generation {
                Generation::Jnx => {
                    let request = jnx::filter_delete(name, family)?;
                    let reply = FirewallClient::new(channel)
                        .filter_delete(request)
                        .await
                        .map_err(grpc(what))?;
                    jnx::check(what, reply.get_ref())
                }
                Generation::Legacy => {
                    let request = legacy::filter_delete(name, family)?;
                    let reply = AclServiceClient::new(channel)
                        .access_list_delete(request)
                        .await
                        .map_err(grpc(what))?;
                    legacy::check(what, reply.get_ref())
                }
            }
        })?;
        self.installed().forget(name);
        Ok(())
    }

    /// Binds a filter to a logical interface in a direction.
    pub fn bind(&self, binding: &Binding) -> Result<()> {
        let what = "filter bind";
        self.call(|channel, generation| async move {
            match generation {
                Generation::Jnx => {
                    let reply = FirewallClient::new(channel)
                        .filter_bind_add(jnx::bind_add(binding)?)
                        .await
                        .map_err(grpc(what))?;
                    jnx::check(what, reply.get_ref())
                }
                Generation::Legacy => {
                    let reply = AclServiceClient::new(channel)
                        .access_list_bind_add(legacy::bind(binding)?)
                        .await
                        .map_err(grpc(what))?;
                    legacy::check(what, reply.get_ref())
                }
            }
        })?;
        self.installed().remember_binding(binding);
        Ok(())
    }

    /// Removes a binding.
    pub fn unbind(&self, binding: &Binding) -> Result<()> {
        let what = "filter unbind";
        self.call(|channel, generation| async move {
            match generation {
                Generation::Jnx => {
                    let request = jnx::bind_delete(binding)?;
                    let reply = FirewallClient::new(channel)
                        .filter_bind_delete(request)
                        .await
                        .map_err(grpc(what))?;
                    jnx::check(what, reply.get_ref())
                }
                Generation::Legacy => {
                    let request = legacy::bind(binding)?;
                    let reply = AclServiceClient::new(channel)
                        .access_list_bind_delete(request)
                        .await
                        .map_err(grpc(what))?;
                    legacy::check(what, reply.get_ref())
                }
            }
        })?;
        self.installed().forget_binding(binding);
        Ok(())
    }

    /// Adds a policer (before a term names it).
    pub fn add_policer(&self, policer: &Policer) -> Result<()> {
        let what = "policer add";
        self.call(|channel, generation| async move {
            match generation {
                Generation::Jnx => {
                    let reply = FirewallClient::new(channel)
                        .policer_add(jnx::policer_add(policer)?)
                        .await
                        .map_err(grpc(what))?;
                    jnx::check(what, reply.get_ref())
                }
                Generation::Legacy => {
                    let request = legacy::policer_add(policer)?;
                    let reply = AclServiceClient::new(channel)
                        .access_list_policer_add(request)
                        .await
                        .map_err(grpc(what))?;
                    legacy::check(what, reply.get_ref())
                }
            }
        })?;
        self.installed().remember_policer(policer);
        Ok(())
    }

    /// Changes a policer's parameters (legacy: AccessListPolicerReplace).
    pub fn modify_policer(&self, policer: &Policer) -> Result<()> {
        let what = "policer modify";
        self.call(|channel, generation| async move {
            match generation {
                Generation::Jnx => {
                    let request = jnx::policer_modify(policer)?;
                    let reply = FirewallClient::new(channel)
                        .policer_modify(request)
                        .await
                        .map_err(grpc(what))?;
                    jnx::check(what, reply.get_ref())
                }
                Generation::Legacy => {
                    let request = legacy::policer_add(policer)?;
                    let reply = AclServiceClient::new(channel)
                        .access_list_policer_replace(request)
                        .await
                        .map_err(grpc(what))?;
                    legacy::check(what, reply.get_ref())
                }
            }
        })?;
        self.installed().modified_policer(policer);
        Ok(())
    }

    /// Deletes a policer.
    pub fn delete_policer(&self, name: &str, scope: PolicerScope) -> Result<()> {
        let what = "policer delete";
        self.call(|channel, generation| async move {
            match generation {
                Generation::Jnx => {
                    let request = jnx::policer_delete(name, scope)?;
                    let reply = FirewallClient::new(channel)
                        .policer_delete(request)
                        .await
                        .map_err(grpc(what))?;
                    jnx::check(what, reply.get_ref())
                }
                Generation::Legacy => {
                    let request = legacy::policer_delete(name, scope)?;
                    let reply = AclServiceClient::new(channel)
                        .access_list_policer_delete(request)
                        .await
                        .map_err(grpc(what))?;
                    legacy::check(what, reply.get_ref())
                }
            }
        })?;
        self.installed().forget_policer(name);
        Ok(())
    }

    /// Reads counter `counter` of filter `filter`.
    pub fn counter(&self, filter: &str, counter: &str) -> Result<CounterValue> {
        let what = "filter counter get";
        let family = self.installed().family(filter);
        self.call(|channel, generation| async move {
            match generation {
                Generation::Jnx => {
                    let request = jnx::filter_counter_get(filter, counter)?;
                    let reply = FirewallClient::new(channel)
                        .filter_counter_get(request)
                        .await
                        .map_err(grpc(what))?;
                    jnx::counter(what, reply.get_ref(), counter)
                }
                Generation::Legacy => {
                    let request = legacy::counter_get(filter, family, counter)?;
                    let reply = AclServiceClient::new(channel)
                        .access_list_counter_get(request)
                        .await
                        .map_err(grpc(what))?;
                    legacy::counter(what, reply.get_ref(), counter)
                }
            }
        })
    }

    /// Reads a policer's counter in filter `filter` (a term-specific
    /// policer's counter is named `<policer>-<term>`).
    pub fn policer_counter(&self, filter: &str, counter: &str) -> Result<CounterValue> {
        let what = "policer counter get";
        let family = self.installed().family(filter);
        self.call(|channel, generation| async move {
            match generation {
                Generation::Jnx => {
                    let request = jnx::policer_counter_get(filter, counter)?;
                    let reply = FirewallClient::new(channel)
                        .policer_counter_get(request)
                        .await
                        .map_err(grpc(what))?;
                    jnx::counter(what, reply.get_ref(), counter)
                }
                Generation::Legacy => {
                    let request = legacy::counter_get(filter, family, counter)?;
                    let reply = AclServiceClient::new(channel)
                        .access_list_policer_counter_get(request)
                        .await
                        .map_err(grpc(what))?;
                    legacy::counter(what, reply.get_ref(), counter)
                }
            }
        })
    }

    /// Resets a filter counter to zero.
    pub fn clear_counter(&self, filter: &str, counter: &str) -> Result<()> {
        let what = "filter counter clear";
        let family = self.installed().family(filter);
        self.call(|channel, generation| async move {
            match generation {
                Generation::Jnx => {
                    let request = jnx::filter_counter_clear(filter, counter)?;
                    let reply = FirewallClient::new(channel)
                        .filter_counter_set(request)
                        .await
                        .map_err(grpc(what))?;
                    jnx::check(what, reply.get_ref())
                }
                Generation::Legacy => {
                    let request = legacy::counter_clear(filter, family, counter)?;
                    let reply = AclServiceClient::new(channel)
                        .access_list_counter_clear(request)
                        .await
                        .map_err(grpc(what))?;
                    legacy::check(what, reply.get_ref())
                }
            }
        })
    }

    /// Reads every counter of `filter`: the legacy bulk read (streamed, ten
    /// at a time) where the device speaks legacy; on jnx, which has no bulk
    /// read, one read per counter of a filter this session added.
    pub fn counters(&self, filter: &str) -> Result<Vec<CounterValue>> {
        let what = "filter counters";
        let installed = self.installed().get(filter);
        let family = installed.as_ref().map_or(Family::Inet, |f| f.family);
        self.call(|channel, generation| {
            let installed = installed.clone();
            async move {
                match generation {
                    Generation::Jnx => {
                        let filter_def = installed.ok_or_else(|| {
                            Error::new(
                                ErrorKind::Unimplemented,
                                format!("{what}: the jnx IDL has no bulk read, and '{filter}' was not added by this session"),
                            )
                        })?;
                        let mut client = FirewallClient::new(channel);
                        let mut values = Vec::new();
                        for counter in filter_def.terms.iter().filter_map(|t| t.actions.count.as_deref()) {
                            let request = jnx::filter_counter_get(filter, counter)?;
                            let reply = client.filter_counter_get(request).await.map_err(grpc(what))?;
                            values.push(jnx::counter(what, reply.get_ref(), counter)?);
                        }
                        Ok(values)
                    }
                    Generation::Legacy => {
                        let mut client = AclServiceClient::new(channel);
                        let mut values = Vec::new();
                        let mut start = Some(0);
                        while let Some(index) = start {
                            let request = legacy::counter_bulk(filter, family, index)?;
                            let mut stream = client.access_list_counter_bulk_get(request).await.map_err(grpc(what))?.into_inner();
                            let mut batch = 0;
                            while let Some(value) = stream.message().await.map_err(grpc(what))? {
                                values.push(legacy::counter(what, &value, "")?);
                                batch += 1;
                            }
                            start = legacy::counter_bulk_next(index, batch);
                        }
                        Ok(values)
                    }
                }
            }
        })
    }

    /// Sets how long (1-1000 s) the device keeps this client's filters after
    /// it disconnects (jnx devices that serve it, Junos 24.2+).
    pub fn set_purge_timer(&self, seconds: u32) -> Result<()> {
        let what = "purge timer set";
        self.call(|channel, generation| async move {
            let reply = FirewallClient::new(jnx_only(what, channel, generation)?)
                .filters_purge_timer_add(jnx::purge_timer_add(seconds)?)
                .await
                .map_err(grpc(what))?;
            jnx::check(what, reply.get_ref())
        })
    }

    /// The purge timer in seconds.
    pub fn purge_timer(&self) -> Result<u32> {
        let what = "purge timer get";
        self.call(|channel, generation| async move {
            let reply = FirewallClient::new(jnx_only(what, channel, generation)?)
                .filters_purge_timer_get(jnx::purge_timer_get())
                .await
                .map_err(grpc(what))?;
            jnx::purge_timer(reply.get_ref())
        })
    }

    /// Removes the purge timer setting (the device's default applies).
    pub fn delete_purge_timer(&self) -> Result<()> {
        let what = "purge timer delete";
        self.call(|channel, generation| async move {
            let reply = FirewallClient::new(jnx_only(what, channel, generation)?)
                .filters_purge_timer_delete(jnx::purge_timer_delete())
                .await
                .map_err(grpc(what))?;
            jnx::check(what, reply.get_ref())
        })
    }
}

/// The channel, when the firewall speaks jnx: the legacy IDL has no purge timer.
fn jnx_only(what: &str, channel: Channel, generation: Generation) -> Result<Channel> {
    match generation {
        Generation::Jnx => Ok(channel),
        Generation::Legacy => Err(Error::new(
            ErrorKind::Unimplemented,
            format!("{what}: the legacy IDL has no purge timer"),
        )),
    }
}
