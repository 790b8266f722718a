// The command-line options shared by the service examples, as in
// examples/c/service_args.c: --device HOST --port N --user U --password P
// [--client-id ID] [--ca FILE] [--clear-text] [--api auto|jnx|legacy].
using System;
using System.Collections.Generic;
using LibJet;

namespace LibJet.Examples
{
    internal sealed class ServiceArgs
    {
        /// <summary>The session's options.</summary>
        internal readonly ServiceOptions Options = new ServiceOptions();

        /// <summary>The arguments that are not shared options, in order.</summary>
        internal readonly List<string> Rest = new List<string>();

        private readonly string usage;

        /// <summary>Parses `args`; prints a message and exits 2 on a usage error.</summary>
        internal ServiceArgs(string[] args, string usage)
        {
            this.usage = usage;
            for (int i = 0; i < args.Length; i++)
            {
                string arg = args[i];
                if (arg == "--help" || arg == "-h") { Console.Out.Write(usage); Environment.Exit(0); }
                else if (arg == "--device") Options.Device = Value(args, ref i);
                else if (arg == "--port") Options.Port = Port(Value(args, ref i));
                else if (arg == "--user") Options.User = Value(args, ref i);
                else if (arg == "--password") Options.Password = Value(args, ref i);
                else if (arg == "--client-id") Options.ClientId = Value(args, ref i);
                else if (arg == "--ca") Options.TlsCaFile = Value(args, ref i);
                else if (arg == "--clear-text") Options.ClearText = true;
                else if (arg == "--api") Options.Api = ApiOf(Value(args, ref i));
                else if (Rest.Count < 16) Rest.Add(arg);
                else Fail("too many arguments at", arg);
            }
            if (Options.Password != null && Options.User == null) Fail("--password needs", "--user");
        }

        /// <summary>Opens the session, or exits 1 with the error on stderr.</summary>
        internal Service Open(string program)
        {
            try { return Service.Open(Options); }
            catch (JetException e) { ServiceFail(program, "login", e); return null; }
        }

        /// <summary>Prints "&lt;program&gt;: &lt;what&gt;: &lt;status name&gt;: &lt;message&gt;", shuts libjet down and exits 1.</summary>
        internal static void ServiceFail(string program, string what, JetException e)
        {
            Console.Error.Write(program + ": " + what + ": " + Jet.StatusName(e.Status) + ": " + e.Message + "\n");
            Jet.Shutdown();
            Environment.Exit(1);
        }

        /// <summary>"jnx", "legacy" or "unknown".</summary>
        internal static string GenerationName(Generation generation)
        {
            switch (generation)
            {
                case Generation.Jnx: return "jnx";
                case Generation.Legacy: return "legacy";
                default: return "unknown";
            }
        }

        private void Fail(string message, string argument)
        {
            Console.Error.Write(message + " " + argument + "\n" + usage);
            Environment.Exit(2);
        }

        private string Value(string[] args, ref int i)
        {
            if (i + 1 >= args.Length) Fail("missing value after", args[i]);
            return args[++i];
        }

        private ushort Port(string text)
        {
            ushort port;
            if (!ushort.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out port) || port < 1)
                Fail("--port takes 1 to 65535, not", text);
            return port;
        }

        private Api ApiOf(string text)
        {
            if (text == "auto") return Api.Auto;
            if (text == "jnx") return Api.Jnx;
            if (text == "legacy") return Api.Legacy;
            Fail("--api takes auto, jnx or legacy, not", text);
            return Api.Auto;
        }
    }
}
