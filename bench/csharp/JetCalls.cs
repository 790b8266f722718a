// jet_calls: JET service calls through the C# binding (the twin of
// bench/c/jet_calls.c's --case counter-get, same command line and JSON).
//
//   jet_calls --host H --port P --user U --password W
//             --case counter-get --calls N [--threads T]
//
// Adds a filter with one counter, then T threads sharing one Service read it
// N times in total, each call timed; deletes the filter at the end. The
// session is clear text and speaks the jnx generation.
using System;
using System.Diagnostics;
using System.Threading;
using LibJet;

namespace LibJet.Bench
{
    internal static class JetCalls
    {
        private const string Usage =
            "usage: jet_calls --host H --port P --user U --password W\n" +
            "                 --case counter-get --calls N [--threads T]\n" +
            "Times JET service calls through libjet's C# binding and prints one JSON object.\n";

        private static int Main(string[] args)
        {
            var o = new Options("jet_calls", Usage, args,
                new[] { "--host", "--port", "--user", "--password", "--case", "--calls", "--threads", "--terms" }, new string[0]);
            long calls = o.Number("--calls", 10000, 1, 100000000L);
            long threads = o.Number("--threads", 1, 1, 1024);
            if (o.Text("--case", null) != "counter-get") o.Fail("--case is counter-get (filter-1000 is only in bench/c)");
            if (threads > calls) o.Fail("--threads must not exceed --calls");
            var options = new ServiceOptions
            {
                Device = o.Text("--host", "127.0.0.1"), Port = (ushort)o.Number("--port", 32767, 1, 65535),
                User = o.Text("--user", null), Password = o.Text("--password", null), ClearText = true, Api = Api.Jnx,
            };
            try
            {
                using (Service session = Service.Open(options))
                {
                    Console.Error.WriteLine("jet_calls: connected to {0}:{1} as {2}", options.Device, options.Port, session.ClientId);
                    int status = CounterGet(session, calls, (int)threads);
                    session.Close();
                    Jet.Shutdown();
                    return status;
                }
            }
            catch (JetException e)
            {
                Console.Error.WriteLine("jet_calls: {0}: {1}", Jet.StatusName(e.Status), e.Message);
                Jet.Shutdown();
                return Exit.Failed;
            }
        }

        private static int CounterGet(Service session, long calls, int threads)
        {
            string filter = "bench-cg-cs-" + Process.GetCurrentProcess().Id;
            session.AddFilter("{\"name\": \"" + filter + "\", \"family\": \"inet\", \"terms\": [{\"name\": \"t0\", "
                + "\"matches\": {\"protocols\": [\"icmp\"]}, \"actions\": {\"count\": \"c0\", \"accept\": true}}]}");
            var latencies = new long[calls];
            long errors = 0, start = long.MaxValue, end = 0;
            TimeSpan cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var workers = new Thread[threads];
            long offset = 0;
            for (int t = 0; t < threads; t++)
            {
                long share = calls / threads + (t < calls % threads ? 1 : 0);
                long first = offset;
                offset += share;
                workers[t] = new Thread(() =>
                {
                    long begin = Clock.Now();
                    for (long i = first; i < first + share; i++)
                    {
                        long before = Clock.Now();
                        try { session.GetCounter(filter, "c0"); }
                        catch (JetException e)
                        {
                            if (Interlocked.Increment(ref errors) == 1) Console.Error.WriteLine("jet_calls: GetCounter: {0}: {1}", Jet.StatusName(e.Status), e.Message);
                        }
                        latencies[i] = Clock.Now() - before;
                    }
                    long finish = Clock.Now();
                    lock (workers)
                    {
                        start = Math.Min(start, begin);
                        end = Math.Max(end, finish);
                    }
                });
                workers[t].Start();
            }
            foreach (Thread worker in workers) worker.Join();
            double cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
            session.DeleteFilter(filter, Family.Inet);

            double seconds = (end - start) / 1e9;
            Array.Sort(latencies);
            new JsonLine().Int("calls", calls).Num("seconds", seconds, 6).Num("calls_per_s", seconds > 0 ? calls / seconds : 0.0, 1)
                .Num("p50_us", Quantiles.Us(latencies, latencies.Length, 50, 100), 3)
                .Num("p99_us", Quantiles.Us(latencies, latencies.Length, 99, 100), 3)
                .Int("errors", errors).Num("cpu_us_per_call", cpu * 1e6 / calls, 2).Print();
            return errors == 0 ? Exit.Done : Exit.Failed;
        }
    }
}
