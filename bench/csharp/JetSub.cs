// jet_sub: the libjet subscriber of bench/README.md, through the C# binding
// (the twin of bench/c/jet_sub.c, same command line and JSON output).
//
//   jet_sub --host H --port P --topic FILTER --qos 0|1 --count N
//           [--client-id ID --persistent] [--latency] [--idle-timeout-ms MS]
//           [--mode callback|pull|inline]
//
// Every message gets the same work: Event.Id and the attribute "name"
// (TryGetString), a missing one counting in check_failures; with --latency,
// "sent-ns" (the publisher's CLOCK_MONOTONIC, which Stopwatch reads on Linux)
// is read first and the delay to delivery kept. Inline mode is callback mode
// with NotificationOptions.InlineCallbacks (the handler on libjet's network
// thread).
using System;
using System.Threading;
using LibJet;

namespace LibJet.Bench
{
    internal static class JetSub
    {
        private const string Usage =
            "usage: jet_sub --host H --port P --topic FILTER --qos 0|1 --count N\n" +
            "       [--client-id ID --persistent] [--latency] [--idle-timeout-ms MS] [--mode callback|pull|inline]\n" +
            "Receives N messages and prints one JSON object (bench/README.md).\n";

        private static long count;
        private static bool latency;
        private static long[] latencies;
        private static long received;   // written by the receiving thread only
        private static long checkFailures;
        private static long firstNs, lastNs;
        private static readonly ManualResetEventSlim done = new ManualResetEventSlim(false);

        private static int Main(string[] args)
        {
            var o = new Options("jet_sub", Usage, args,
                new[] { "--host", "--port", "--topic", "--qos", "--count", "--client-id", "--idle-timeout-ms", "--mode" },
                new[] { "--persistent", "--latency" });
            string host = o.Text("--host", "127.0.0.1");
            long port = o.Number("--port", 1883, 1, 65535);
            string topic = o.Text("--topic", null);
            long qos = o.Number("--qos", 0, 0, 1);
            count = o.Number("--count", -1, 1, 1000000000L);
            string clientId = o.Text("--client-id", null);
            bool persistent = o.Flag("--persistent");
            latency = o.Flag("--latency");
            long idleMs = o.Number("--idle-timeout-ms", 10000, 1, 86400000L);
            string mode = o.Text("--mode", "callback");
            if (topic == null) o.Fail("--topic is required");
            if (count < 0) o.Fail("--count is required");
            if (persistent && clientId == null) o.Fail("--persistent needs --client-id");
            if (mode != "callback" && mode != "pull" && mode != "inline") o.Fail("--mode is callback, pull or inline");
            latencies = new long[latency ? count : 0];

            try
            {
                var options = new NotificationOptions
                {
                    Device = host, Port = (ushort)port, Qos = (byte)qos, ClientId = clientId,
                    CleanSession = !persistent, KeepAlive = TimeSpan.FromSeconds(60), Overflow = Overflow.Wait,
                    InlineCallbacks = mode == "inline",
                };
                NotificationStats stats;
                using (Notifications session = persistent ? Notifications.Create(options) : Notifications.Open(options))
                {
                    if (mode == "pull") session.SubscribePull(topic);
                    else session.Subscribe(topic, evt => Handle(evt));
                    if (persistent) session.Connect();
                    Console.Error.WriteLine("jet_sub: subscribed to {0} (qos {1}, {2} mode, client id {3})", topic, qos, mode, session.ClientId);
                    Console.Out.Write("ready\n");
                    Console.Out.Flush();
                    if (mode == "pull") Pull(session, idleMs);
                    else WaitCallbacks(idleMs);
                    stats = session.Stats;
                } // no callback runs after this
                Jet.Shutdown();
                Report(stats);
            }
            catch (JetException e)
            {
                Console.Error.WriteLine("jet_sub: {0}: {1}", Jet.StatusName(e.Status), e.Message);
                Jet.Shutdown();
                return Exit.Failed;
            }
            return Interlocked.Read(ref received) >= count ? Exit.Done : Exit.Short;
        }

        /// <summary>Counts one delivered event: latency first, then the checks.</summary>
        private static void Handle(Event evt)
        {
            long now = Clock.Now();
            long n = Interlocked.Read(ref received);
            if (n >= count) return; // beyond --count: not ours to measure
            bool ok = true;
            if (latency)
            {
                long sent;
                if (evt.TryGetInt("sent-ns", out sent)) latencies[n] = now - sent;
                else ok = false;
            }
            string name;
            if (evt.Id == null || !evt.TryGetString("name", out name)) ok = false;
            if (!ok) checkFailures++;
            if (n == 0) firstNs = now;
            Volatile.Write(ref lastNs, now);
            Interlocked.Exchange(ref received, n + 1);
            if (n + 1 == count) done.Set();
        }

        /// <summary>Callback mode: waits until --count or no message for --idle-timeout-ms.</summary>
        private static void WaitCallbacks(long idleMs)
        {
            long start = Clock.Now();
            while (!done.IsSet)
            {
                long last = Math.Max(Volatile.Read(ref lastNs), start);
                long leftMs = (last + idleMs * 1000000L - Clock.Now()) / 1000000L;
                if (leftMs <= 0)
                {
                    Console.Error.WriteLine("jet_sub: no message for {0} ms", idleMs);
                    return;
                }
                done.Wait(TimeSpan.FromMilliseconds(leftMs));
            }
        }

        /// <summary>Pull mode: takes events until --count or one wait times out.</summary>
        private static void Pull(Notifications session, long idleMs)
        {
            while (Interlocked.Read(ref received) < count)
            {
                using (Event evt = session.Next(TimeSpan.FromMilliseconds(idleMs)))
                {
                    if (evt == null)
                    {
                        Console.Error.WriteLine("jet_sub: no message for {0} ms", idleMs);
                        return;
                    }
                    Handle(evt);
                }
            }
        }

        /// <summary>Prints the JSON object of bench/README.md.</summary>
        private static void Report(NotificationStats stats)
        {
            long n = Interlocked.Read(ref received);
            var json = new JsonLine().Int("received", n);
            if (latency) Quantiles.Add(json, latencies, (int)n);
            else
            {
                double seconds = n > 0 ? (Volatile.Read(ref lastNs) - firstNs) / 1e9 : 0.0;
                json.Num("seconds", seconds, 6).Num("rate", seconds > 0 ? n / seconds : 0.0, 1);
            }
            json.Int("check_failures", checkFailures).Int("dropped", (long)stats.Dropped).Int("parse_errors", (long)stats.ParseErrors).Print();
        }
    }
}
