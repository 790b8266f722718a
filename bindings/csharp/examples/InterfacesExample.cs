// interfaces: adds or deletes an address on a logical interface of a Junos
// device: the C# twin of examples/c/interfaces.c.
using System;
using System.Globalization;
using LibJet;

namespace LibJet.Examples
{
    internal static class InterfacesExample
    {
        private const string Usage =
            "usage: interfaces --device HOST --port N --user U --password P [--client-id ID]\n" +
            "                  [--ca FILE] [--clear-text] [--api auto|jnx|legacy]\n" +
            "                  --add|--delete IFL FAMILY ADDRESS/LEN\n" +
            "example: interfaces --device 198.51.100.1 --user lab --password lab123 --ca device.pem \\\n" +
            "                    --add ge-0/0/0.0 inet 192.0.2.1/24\n";

        private static int Main(string[] argv)
        {
            var args = new ServiceArgs(argv, Usage);
            if (args.Rest.Count != 4 || (args.Rest[0] != "--add" && args.Rest[0] != "--delete"))
            {
                Console.Error.Write(Usage);
                return 2;
            }
            bool add = args.Rest[0] == "--add";
            string ifl = args.Rest[1];
            int dot = ifl.LastIndexOf('.');
            uint unit = 0;
            if (dot <= 0 || dot == ifl.Length - 1 || !uint.TryParse(ifl.Substring(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out unit))
            {
                Console.Error.Write("interfaces: '" + ifl + "' is not a logical interface such as ge-0/0/0.0\n");
                return 2;
            }
            string ifd = ifl.Substring(0, dot);
            Family family;
            if (args.Rest[2] == "inet") family = Family.Inet;
            else if (args.Rest[2] == "inet6") family = Family.Inet6;
            else
            {
                Console.Error.Write("interfaces: family must be inet or inet6, not '" + args.Rest[2] + "'\n");
                return 2;
            }

            Service session = args.Open("interfaces");
            try
            {
                if (add) session.AddInterfaceAddress(ifd, unit, family, args.Rest[3]);
                else session.DeleteInterfaceAddress(ifd, unit, family, args.Rest[3]);
            }
            catch (JetException e)
            {
                session.Close();
                ServiceArgs.ServiceFail("interfaces", add ? "add address" : "delete address", e);
            }
            Console.Out.Write((add ? "added" : "deleted") + " " + args.Rest[2] + " " + args.Rest[3] + " on " + ifl + " ("
                + ServiceArgs.GenerationName(session.GenerationOf(ServiceKind.Interfaces)) + " API)\n");
            session.Close();
            Jet.Shutdown();
            return 0;
        }
    }
}
