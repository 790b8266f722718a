// The test suite's child program:
//   JetChild.exe version            prints libjet's version and file
//   JetChild.exe callbacks PORT N   subscribes to every event on 127.0.0.1:PORT,
//                                   prints "ready", receives N events in a
//                                   callback, prints "done" and returns from
//                                   Main without closing anything (B12).
using System;
using System.Threading;
using LibJet;

internal static class JetChild
{
    private static int Main(string[] args)
    {
        if (args.Length == 1 && args[0] == "version")
        {
            Console.WriteLine(Jet.Version + " " + Jet.LoadedLibrary);
            return 0;
        }
        if (args.Length == 3 && args[0] == "callbacks")
        {
            int wanted = int.Parse(args[2]);
            int received = 0;
            var done = new ManualResetEventSlim(false);
            var session = Notifications.Open(new NotificationOptions { Port = ushort.Parse(args[1]) });
            session.Subscribe(Topics.AllEvents(), evt =>
            {
                if (Interlocked.Increment(ref received) == wanted) done.Set();
            });
            Console.WriteLine("ready");
            Console.Out.Flush();
            if (!done.Wait(TimeSpan.FromSeconds(30))) return 3;
            Console.WriteLine("done");
            return 0; // the session stays open: ProcessExit runs Jet.Shutdown
        }
        Console.Error.WriteLine("usage: JetChild.exe version | callbacks PORT N");
        return 2;
    }
}
