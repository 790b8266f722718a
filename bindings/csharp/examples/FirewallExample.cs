// firewall: installs a JET firewall filter on a Junos device, binds it to a
// logical interface, reads its counter, and removes it again: the C# twin
// of examples/c/firewall.c, with the filter built from LibJet.Firewall types.
using System;
using LibJet;
using LibJet.Firewall;

namespace LibJet.Examples
{
    internal static class FirewallExample
    {
        private const string Usage =
            "usage: firewall --device HOST --port N --user U --password P [--client-id ID]\n" +
            "                [--ca FILE] [--clear-text] [--api auto|jnx|legacy] --interface IFL\n" +
            "example: firewall --device 198.51.100.1 --user lab --password lab123 --ca device.pem \\\n" +
            "                  --interface ge-0/0/0.0\n";

        private const string FilterName = "jet-demo-icmp";

        /// <summary>jet-demo-icmp: t1 counts ICMP into icmp-count and discards it; t2 accepts the rest.</summary>
        private static Filter DemoFilter()
        {
            var t1 = new Term("t1");
            t1.Matches.Protocols.Add("icmp");
            t1.Actions.Count = "icmp-count";
            t1.Actions.Discard = true;
            var t2 = new Term("t2");
            t2.Actions.Accept = true;
            return new Filter(FilterName, Family.Inet).Add(t1).Add(t2);
        }

        private static int Main(string[] argv)
        {
            var args = new ServiceArgs(argv, Usage);
            if (args.Rest.Count != 2 || args.Rest[0] != "--interface")
            {
                Console.Error.Write(Usage);
                return 2;
            }
            string iface = args.Rest[1];
            Service session = args.Open("firewall");
            Console.Out.Write("logged in as " + (args.Options.User ?? "(none)") + " (client " + session.ClientId + ", "
                + ServiceArgs.GenerationName(session.GenerationOf(ServiceKind.Authentication)) + " login)\n");
            bool added = false, bound = false;
            string step = "add filter";
            try
            {
                session.AddFilter(DemoFilter());
                added = true;
                Console.Out.Write("added filter " + FilterName + " (" + ServiceArgs.GenerationName(session.GenerationOf(ServiceKind.Firewall)) + " API)\n");
                step = "bind filter";
                session.BindFilter(FilterName, Family.Inet, iface, Direction.Input);
                bound = true;
                Console.Out.Write("bound " + FilterName + " to " + iface + " input\n");
                step = "read counter";
                Counter counter = session.GetCounter(FilterName, "icmp-count");
                Console.Out.Write("counter icmp-count: " + counter.Packets + " packets, " + counter.Bytes + " bytes\n");
                step = "unbind filter";
                session.UnbindFilter(FilterName, Family.Inet, iface, Direction.Input);
                bound = false;
                Console.Out.Write("unbound " + FilterName + " from " + iface + "\n");
                step = "delete filter";
                added = false;
                session.DeleteFilter(FilterName, Family.Inet);
                Console.Out.Write("deleted filter " + FilterName + "\n");
            }
            catch (JetException e)
            {
                Console.Error.Write("firewall: " + step + ": " + Jet.StatusName(e.Status) + ": " + e.Message + "\n");
                if (bound) Try(() => session.UnbindFilter(FilterName, Family.Inet, iface, Direction.Input));
                if (added) Try(() => session.DeleteFilter(FilterName, Family.Inet));
                session.Close();
                Jet.Shutdown();
                return 1;
            }
            session.Close();
            Jet.Shutdown();
            return 0;
        }

        private static void Try(Action cleanup)
        {
            try { cleanup(); } catch (JetException) { /* best effort, as in the C example */ }
        }
    }
}
