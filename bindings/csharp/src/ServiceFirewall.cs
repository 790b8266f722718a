using System;
using System.Collections.Generic;
using System.Threading;
using LibJet.Firewall;
using LibJet.Native;

namespace LibJet
{
    /// <summary>The firewall calls of a service session: filters, policers, counters, purge timer.</summary>
    public sealed partial class Service
    {
        /// <summary>Adds a filter.</summary>
        public void AddFilter(Filter filter, TimeSpan timeout = default(TimeSpan), CancellationToken cancel = default(CancellationToken))
        {
            AddFilter(filter.ToJson(), timeout, cancel);
        }

        /// <summary>Adds a filter given as JSON (the C ABI's document; mistakes are reported with their path).</summary>
        public void AddFilter(string filterJson, TimeSpan timeout = default(TimeSpan), CancellationToken cancel = default(CancellationToken))
        {
            Call(cancel, (h, ms) => NativeMethods.jet_firewall_filter_add(h, Utf8.Bytes(filterJson), ms), timeout);
        }

        /// <summary>Changes single terms of a filter in one call.</summary>
        public void ModifyFilter(string filterName, Family family, IEnumerable<TermChange> changes, TimeSpan timeout = default(TimeSpan), CancellationToken cancel = default(CancellationToken))
        {
            ModifyFilter(filterName, family, TermChange.ListJson(changes), timeout, cancel);
        }

        /// <summary>Changes single terms of a filter; `changesJson` is the C ABI's list of changes.</summary>
        public void ModifyFilter(string filterName, Family family, string changesJson, TimeSpan timeout = default(TimeSpan), CancellationToken cancel = default(CancellationToken))
        {
            Call(cancel, (h, ms) => NativeMethods.jet_firewall_filter_modify(h, Utf8.Bytes(filterName), (int)family, Utf8.Bytes(changesJson), ms), timeout);
        }

        /// <summary>Replaces a filter this session added with `filter` (same name and family), in one call.</summary>
        public void ReplaceFilter(Filter filter, TimeSpan timeout = default(TimeSpan), CancellationToken cancel = default(CancellationToken))
        {
            ReplaceFilter(filter.ToJson(), timeout, cancel);
        }

        /// <summary>Replaces a filter with the filter given as JSON.</summary>
        public void ReplaceFilter(string filterJson, TimeSpan timeout = default(TimeSpan), CancellationToken cancel = default(CancellationToken))
        {
            Call(cancel, (h, ms) => NativeMethods.jet_firewall_filter_replace(h, Utf8.Bytes(filterJson), ms), timeout);
        }

        /// <summary>Deletes a filter; it must not be bound.</summary>
        public void DeleteFilter(string filterName, Family family, TimeSpan timeout = default(TimeSpan), CancellationToken cancel = default(CancellationToken))
        {
            Call(cancel, (h, ms) => NativeMethods.jet_firewall_filter_delete(h, Utf8.Bytes(filterName), (int)family, ms), timeout);
        }

        /// <summary>Binds a filter to logical interface `iface` (e.g. "ge-0/0/0.0") in `direction`.</summary>
        public void BindFilter(string filterName, Family family, string iface, Direction direction, TimeSpan timeout = default(TimeSpan), CancellationToken cancel = default(CancellationToken))
        {
            Call(cancel, (h, ms) => NativeMethods.jet_firewall_filter_bind(h, Utf8.Bytes(filterName), (int)family, Utf8.Bytes(iface), (int)direction, ms), timeout);
        }

        /// <summary>Removes a binding made with <see cref="BindFilter"/>.</summary>
        public void UnbindFilter(string filterName, Family family, string iface, Direction direction, TimeSpan timeout = default(TimeSpan), CancellationToken cancel = default(CancellationToken))
        {
            Call(cancel, (h, ms) => NativeMethods.jet_firewall_filter_unbind(h, Utf8.Bytes(filterName), (int)family, Utf8.Bytes(iface), (int)direction, ms), timeout);
        }

        /// <summary>Adds a single-rate two-color policer.</summary>
        public void AddPolicer(Policer policer, TimeSpan timeout = default(TimeSpan), CancellationToken cancel = default(CancellationToken))
        {
            AddPolicer(policer.ToJson(), timeout, cancel);
        }

        /// <summary>Adds a policer given as JSON.</summary>
        public void AddPolicer(string policerJson, TimeSpan timeout = default(TimeSpan), CancellationToken cancel = default(CancellationToken))
        {
            Call(cancel, (h, ms) => NativeMethods.jet_firewall_policer_add(h, Utf8.Bytes(policerJson), ms), timeout);
        }

        /// <summary>Changes a policer's parameters.</summary>
        public void ModifyPolicer(Policer policer, TimeSpan timeout = default(TimeSpan), CancellationToken cancel = default(CancellationToken))
        {
            ModifyPolicer(policer.ToJson(), timeout, cancel);
        }

        /// <summary>Changes a policer's parameters, given as JSON.</summary>
        public void ModifyPolicer(string policerJson, TimeSpan timeout = default(TimeSpan), CancellationToken cancel = default(CancellationToken))
        {
            Call(cancel, (h, ms) => NativeMethods.jet_firewall_policer_modify(h, Utf8.Bytes(policerJson), ms), timeout);
        }

        /// <summary>Deletes a policer.</summary>
        public void DeletePolicer(string policerName, PolicerScope scope = PolicerScope.TermSpecific, TimeSpan timeout = default(TimeSpan), CancellationToken cancel = default(CancellationToken))
        {
            Call(cancel, (h, ms) => NativeMethods.jet_firewall_policer_delete(h, Utf8.Bytes(policerName), (int)scope, ms), timeout);
        }

        /// <summary>Reads counter `counterName` of filter `filterName`.</summary>
        public Counter GetCounter(string filterName, string counterName, TimeSpan timeout = default(TimeSpan), CancellationToken cancel = default(CancellationToken))
        {
            Counter counter = default(Counter);
            Call(cancel, (h, ms) => NativeMethods.jet_firewall_counter_get(h, Utf8.Bytes(filterName), Utf8.Bytes(counterName), ms, out counter), timeout);
            return counter;
        }

        /// <summary>Reads a policer counter of a filter (a term-specific policer's counter is "&lt;policer&gt;-&lt;term&gt;").</summary>
        public Counter GetPolicerCounter(string filterName, string counterName, TimeSpan timeout = default(TimeSpan), CancellationToken cancel = default(CancellationToken))
        {
            Counter counter = default(Counter);
            Call(cancel, (h, ms) => NativeMethods.jet_firewall_policer_counter_get(h, Utf8.Bytes(filterName), Utf8.Bytes(counterName), ms, out counter), timeout);
            return counter;
        }

        /// <summary>Resets a filter counter to zero.</summary>
        public void ClearCounter(string filterName, string counterName, TimeSpan timeout = default(TimeSpan), CancellationToken cancel = default(CancellationToken))
        {
            Call(cancel, (h, ms) => NativeMethods.jet_firewall_counter_clear(h, Utf8.Bytes(filterName), Utf8.Bytes(counterName), ms), timeout);
        }

        /// <summary>Every counter of a filter, as libjet's JSON: [{"name": …, "bytes": …, "packets": …}, …].</summary>
        public string GetCountersJson(string filterName, TimeSpan timeout = default(TimeSpan), CancellationToken cancel = default(CancellationToken))
        {
            IntPtr json = IntPtr.Zero;
            Call(cancel, (h, ms) => NativeMethods.jet_firewall_counters_get(h, Utf8.Bytes(filterName), ms, out json), timeout);
            return Utf8.Take(json);
        }

        /// <summary>Sets how long (1-1000 s) the device keeps this client's filters after it disconnects.</summary>
        public void SetPurgeTimer(uint seconds, TimeSpan timeout = default(TimeSpan), CancellationToken cancel = default(CancellationToken))
        {
            Call(cancel, (h, ms) => NativeMethods.jet_firewall_purge_timer_set(h, seconds, ms), timeout);
        }

        /// <summary>The purge timer, in seconds.</summary>
        public uint GetPurgeTimer(TimeSpan timeout = default(TimeSpan), CancellationToken cancel = default(CancellationToken))
        {
            uint seconds = 0;
            Call(cancel, (h, ms) => NativeMethods.jet_firewall_purge_timer_get(h, ms, out seconds), timeout);
            return seconds;
        }

        /// <summary>Removes the purge timer setting.</summary>
        public void DeletePurgeTimer(TimeSpan timeout = default(TimeSpan), CancellationToken cancel = default(CancellationToken))
        {
            Call(cancel, (h, ms) => NativeMethods.jet_firewall_purge_timer_delete(h, ms), timeout);
        }
    }
}
