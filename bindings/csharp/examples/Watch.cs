// watch: prints the Junos JET notifications a device publishes, one line per
// event: the C# twin of examples/c/watch.c (same command line, output and
// exit statuses: 0 when done, 1 when libjet reports an error, 2 for a bad
// command line).
using System;
using System.Collections.Generic;
using System.Threading;
using LibJet;

namespace LibJet.Examples
{
    internal static class Watch
    {
        private const string DefaultTopic = "/junos/events/#";

        private const string Usage =
            "usage: watch [--device HOST] [--port N] [--user U --password P] [--count N] [TOPIC...]\n" +
            "Prints the JET notifications a Junos device publishes, one line per event:\n" +
            "  <event-id> <topic> <attributes as JSON>   or   PARSE-ERROR <topic> <bytes>\n" +
            "  --device HOST  the device (its MQTT broker); default 127.0.0.1\n" +
            "  --port N       the broker's port; default 1883\n" +
            "  --user U       user name, when the device asks for one\n" +
            "  --password P   password of --user\n" +
            "  --count N      exit after N events; default: run until SIGINT or SIGTERM\n" +
            "  TOPIC          MQTT topic filters to watch; default " + DefaultTopic + "\n";

        private static string device = "127.0.0.1";
        private static long port = 1883;
        private static string user;
        private static string password;
        private static long count;
        private static readonly List<string> topics = new List<string>();

        private static readonly object gate = new object();
        private static long printed;
        private static bool stopping;

        private static int Main(string[] args)
        {
            ParseArguments(args);
            Console.CancelKeyPress += (sender, e) => { e.Cancel = true; Stop(); };
            AppDomain.CurrentDomain.ProcessExit += (sender, e) => Stop();
            int status = Run();
            Jet.Shutdown();
            return status;
        }

        private static int Run()
        {
            Notifications session;
            try
            {
                session = Notifications.Open(new NotificationOptions { Device = device, Port = (ushort)port, User = user, Password = password });
            }
            catch (JetException e)
            {
                return Report("cannot connect to " + device + " port " + port, e);
            }
            using (session)
            {
                foreach (string topic in topics.Count > 0 ? topics : new List<string> { DefaultTopic })
                {
                    try { session.Subscribe(topic, OnEvent); }
                    catch (JetException e) { return Report("cannot subscribe to " + topic, e); }
                }
                lock (gate) while (!stopping) Monitor.Wait(gate);
            } // closing waits for a running callback; none runs afterwards
            return 0;
        }

        private static void OnEvent(Event evt)
        {
            lock (gate)
            {
                if (stopping) return;
                if (evt.IsParsed) Console.Out.Write((evt.Id ?? "-") + " " + evt.Topic + " " + evt.AttributesJson + "\n");
                else Console.Out.Write("PARSE-ERROR " + evt.Topic + " " + evt.Raw.Length + "\n");
                Console.Out.Flush();
                printed++;
                if (count > 0 && printed >= count) StopLocked();
            }
        }

        private static void Stop() { lock (gate) StopLocked(); }

        private static void StopLocked()
        {
            stopping = true;
            Monitor.PulseAll(gate);
        }

        /// <summary>Prints "watch: &lt;what&gt;: &lt;status&gt;: &lt;libjet's message&gt;" and returns 1.</summary>
        private static int Report(string what, JetException e)
        {
            Console.Error.Write("watch: " + what + ": " + Jet.StatusName(e.Status) + ": " + e.Message + "\n");
            return 1;
        }

        private static void UsageError(string problem, string argument)
        {
            Console.Error.Write("watch: " + problem + (argument != null ? ": " + argument : "") + "\n" + Usage);
            Environment.Exit(2);
        }

        private static long Number(string option, string text, long min, long max)
        {
            long value;
            if (!long.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out value) || value < min || value > max)
                UsageError(option + " wants a number from " + min + " to " + max, text);
            return value;
        }

        private static string Value(string[] args, ref int i)
        {
            if (i + 1 >= args.Length) UsageError("missing value after", args[i]);
            return args[++i];
        }

        private static void ParseArguments(string[] args)
        {
            bool optionsDone = false;
            for (int i = 0; i < args.Length; i++)
            {
                string arg = args[i];
                if (optionsDone || !arg.StartsWith("-", StringComparison.Ordinal) || arg == "-") topics.Add(arg);
                else if (arg == "--") optionsDone = true;
                else if (arg == "--help" || arg == "-h") { Console.Out.Write(Usage); Environment.Exit(0); }
                else if (arg == "--device") device = Value(args, ref i);
                else if (arg == "--port") port = Number(arg, Value(args, ref i), 1, 65535);
                else if (arg == "--user") user = Value(args, ref i);
                else if (arg == "--password") password = Value(args, ref i);
                else if (arg == "--count") count = Number(arg, Value(args, ref i), 1, long.MaxValue);
                else UsageError("unknown option", arg);
            }
            if (device.Length == 0) UsageError("--device must not be empty", null);
            if (password != null && user == null) UsageError("--password needs --user", null);
        }
    }
}
