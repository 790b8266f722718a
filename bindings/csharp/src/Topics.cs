using System;
using LibJet.Native;

namespace LibJet
{
    /// <summary>
    /// Builds and checks MQTT topic filters for JET events (jet_topic_*).
    /// Null names mean "any"; <see cref="Jet.Any"/> means any sub-unit or
    /// prefix length. A bad argument throws InvalidArgumentException.
    /// </summary>
    public static class Topics
    {
        private delegate int Build(out IntPtr topic);

        private static string Make(Build build)
        {
            Jet.EnsureLoaded();
            IntPtr topic;
            Errors.Check(build(out topic));
            return Utf8.Take(topic);
        }

        /// <summary>Physical interface (IFD) events.</summary>
        public static string Ifd(Op op = Op.All, string ifd = null)
        {
            return Make((out IntPtr t) => NativeMethods.jet_topic_ifd((int)op, Utf8.Bytes(ifd), out t));
        }

        /// <summary>Logical interface (IFL) events; `subUnit` is required when `ifd` is given.</summary>
        public static string Ifl(Op op = Op.All, string ifd = null, long subUnit = Jet.Any)
        {
            return Make((out IntPtr t) => NativeMethods.jet_topic_ifl((int)op, Utf8.Bytes(ifd), subUnit, out t));
        }

        /// <summary>Interface family (IFF) events, e.g. family "inet".</summary>
        public static string Iff(Op op = Op.All, string ifd = null, long subUnit = Jet.Any, string family = null)
        {
            return Make((out IntPtr t) => NativeMethods.jet_topic_iff((int)op, Utf8.Bytes(ifd), subUnit, Utf8.Bytes(family), out t));
        }

        /// <summary>Interface address (IFA) events; `address` is "192.0.2.1/24", "2001:db8::1/64" or without "/len".</summary>
        public static string Ifa(Op op = Op.All, string ifd = null, long subUnit = Jet.Any, string family = null, string address = null)
        {
            return Make((out IntPtr t) => NativeMethods.jet_topic_ifa((int)op, Utf8.Bytes(ifd), subUnit, Utf8.Bytes(family), Utf8.Bytes(address), out t));
        }

        /// <summary>Firewall filter events.</summary>
        public static string FirewallFilter(Op op = Op.All, string filter = null)
        {
            return Make((out IntPtr t) => NativeMethods.jet_topic_firewall_filter((int)op, Utf8.Bytes(filter), out t));
        }

        /// <summary>Route events; `prefixLength` is 0-128 or Jet.Any.</summary>
        public static string Route(Op op = Op.All, string family = null, string address = null, int prefixLength = Jet.Any)
        {
            return Make((out IntPtr t) => NativeMethods.jet_topic_route((int)op, Utf8.Bytes(family), Utf8.Bytes(address), prefixLength, out t));
        }

        /// <summary>Route table events.</summary>
        public static string RouteTable(Op op = Op.All, string table = null, string logicalRouter = null)
        {
            return Make((out IntPtr t) => NativeMethods.jet_topic_route_table((int)op, Utf8.Bytes(table), Utf8.Bytes(logicalRouter), out t));
        }

        /// <summary>Syslog events with `eventId` (e.g. "UI_COMMIT"), or all syslog events for null.</summary>
        public static string Syslog(string eventId = null)
        {
            return Make((out IntPtr t) => NativeMethods.jet_topic_syslog(Utf8.Bytes(eventId), out t));
        }

        /// <summary>Every JET event: "/junos/events/#".</summary>
        public static string AllEvents() { return Make(NativeMethods.jet_topic_all_events); }

        /// <summary>Every kernel event: "/junos/events/kernel/#".</summary>
        public static string AllKernelEvents() { return Make(NativeMethods.jet_topic_all_kernel_events); }

        /// <summary>Configuration commits: "/junos/events/genpub/config-update".</summary>
        public static string ConfigUpdate() { return Make(NativeMethods.jet_topic_config_update); }

        /// <summary>Throws InvalidArgumentException unless `filter` is a valid MQTT topic filter.</summary>
        public static void Validate(string filter)
        {
            Jet.EnsureLoaded();
            Errors.Check(NativeMethods.jet_topic_validate(Utf8.Bytes(filter)));
        }

        /// <summary>Whether `topic` matches the MQTT filter `filter`.</summary>
        public static bool Matches(string filter, string topic)
        {
            Jet.EnsureLoaded();
            bool matches;
            Errors.Check(NativeMethods.jet_topic_matches(Utf8.Bytes(filter), Utf8.Bytes(topic), out matches));
            return matches;
        }
    }
}
