using System;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using LibJet.Firewall;
using LibJet.Tests.Support;
using NUnit.Framework;

namespace LibJet.Tests
{
    [TestFixture]
    public class Services
    {
        private Sim sim;

        [TestFixtureSetUp]
        public void StartSim() { sim = new Sim(); }

        [TestFixtureTearDown]
        public void StopSim() { sim.Dispose(); }

        internal static Filter DemoFilter(string name)
        {
            var t1 = new Term("t1");
            t1.Matches.Protocols.Add("icmp");
            t1.Matches.SourceAddresses.Add("192.0.2.0/24");
            t1.Matches.SourceAddresses.Add(new AddressMatch("192.0.2.7/32", except: true));
            t1.Actions.Count = "icmp-count";
            t1.Actions.Discard = true;
            var t2 = new Term("t2");
            t2.Matches.DestinationPorts.Add(80);
            t2.Matches.DestinationPorts.Add(new RangeMatch("1024-2048"));
            t2.Matches.Protocols.Add("tcp");
            t2.Actions.Count = "web";
            t2.Actions.Accept = true;
            return new Filter(name, Family.Inet).Add(t1).Add(t2);
        }

        [Test]
        public void B8_FirewallModelSerializesToTheCAbiJson()
        {
            Assert.AreEqual(
                "{\"name\": \"f\", \"family\": \"inet\", \"terms\": [{\"name\": \"t1\", \"matches\": {\"source-addresses\": [\"192.0.2.0/24\", {\"prefix\": \"192.0.2.7/32\", \"except\": true}], \"protocols\": [\"icmp\"]}, \"actions\": {\"count\": \"icmp-count\", \"discard\": true}}, "
                + "{\"name\": \"t2\", \"matches\": {\"destination-ports\": [80, \"1024-2048\"], \"protocols\": [\"tcp\"]}, \"actions\": {\"count\": \"web\", \"accept\": true}}]}",
                DemoFilter("f").ToJson());
            var policer = new Policer("p1", 10, "mbps", 100, "kbytes", PolicerThen.Discard);
            Assert.AreEqual("{\"name\": \"p1\", \"two-color\": {\"bandwidth\": {\"value\": 10, \"unit\": \"mbps\"}, \"burst\": {\"value\": 100, \"unit\": \"kbytes\"}, \"then\": \"discard\"}}", policer.ToJson());
        }

        [Test]
        public void B8_LoginWithRightAndWrongPassword()
        {
            using (var session = Service.Open(sim.Options()))
            {
                Assert.IsNotEmpty(session.ClientId);
                Assert.AreNotEqual(Generation.Unknown, session.GenerationOf(ServiceKind.Authentication));
            }
            var e = Assert.Throws<NotAuthorizedException>(() => Service.Open(sim.Options("wrong-password")));
            Assert.AreEqual(Status.NotAuthorized, e.Status);
            Assert.IsNotEmpty(e.Message);
        }

        [Test]
        public void B8_AddressAddAndDeleteAreSeenThroughNotifications()
        {
            var topics = new Collector<string>();
            using (var events = Notifications.Open(new NotificationOptions { Port = (ushort)sim.MqttPort }))
            using (events.Subscribe(Topics.Ifa(Op.All, "ge-0/0/1", 0, "inet"), evt => topics.Add(evt.Id + " " + evt.Topic)))
            using (var session = Service.Open(sim.Options()))
            {
                session.AddInterfaceAddress("ge-0/0/1", 0, Family.Inet, "198.51.100.5/24");
                topics.WaitFor(t => t.StartsWith("KERNEL_EVENT_IFA_ADD /junos/events/kernel/interfaces/ifa/add/ge-0/0/1.0/inet/198.51.100.5", StringComparison.Ordinal));
                Assert.AreNotEqual(Generation.Unknown, session.GenerationOf(ServiceKind.Interfaces));
                session.DeleteInterfaceAddress("ge-0/0/1", 0, Family.Inet, "198.51.100.5/24");
                topics.WaitFor(t => t.StartsWith("KERNEL_EVENT_IFA_DELETE /junos/events/kernel/interfaces/ifa/delete/ge-0/0/1.0/inet/198.51.100.5", StringComparison.Ordinal));
                Assert.Throws<NotFoundException>(() => session.DeleteInterfaceAddress("ge-0/0/1", 0, Family.Inet, "198.51.100.5/24"));
            }
        }

        [Test]
        public void B8_FilterBindCounterUnbindDeleteAndPolicer()
        {
            using (var session = Service.Open(sim.Options()))
            {
                session.AddPolicer(new Policer("cs-p1", 10, "mbps", 100, "kbytes", PolicerThen.Discard));
                Filter filter = DemoFilter("cs-filter");
                var t3 = new Term("t3");
                t3.Actions.Policer = "cs-p1";
                t3.Actions.Accept = true;
                filter.Add(t3);
                session.AddFilter(filter);
                session.BindFilter("cs-filter", Family.Inet, "ge-0/0/0.0", Direction.Input);
                Counter counter = session.GetCounter("cs-filter", "icmp-count");
                Assert.GreaterOrEqual(counter.Bytes, counter.Packets);
                StringAssert.Contains("\"name\":\"icmp-count\"", session.GetCountersJson("cs-filter").Replace(" ", ""));
                session.ClearCounter("cs-filter", "icmp-count");
                var replaced = DemoFilter("cs-filter");
                replaced.Terms[1].Actions.Count = "web2";
                session.ReplaceFilter(replaced);
                var t4 = new Term("t4");
                t4.Actions.Discard = true;
                session.ModifyFilter("cs-filter", Family.Inet, new[] { TermChange.AddAfter(t4, "t2"), TermChange.Delete("t4") });
                session.UnbindFilter("cs-filter", Family.Inet, "ge-0/0/0.0", Direction.Input);
                session.DeleteFilter("cs-filter", Family.Inet);
                session.ModifyPolicer("{\"name\": \"cs-p1\", \"two-color\": {\"bandwidth\": {\"value\": 20, \"unit\": \"mbps\"}, \"burst\": {\"value\": 100, \"unit\": \"kbytes\"}, \"then\": {\"loss-priority\": \"high\"}}}");
                session.DeletePolicer("cs-p1", PolicerScope.TermSpecific);
                var gone = Assert.Throws<RefusedException>(() => session.GetCounter("cs-filter", "icmp-count"));
                Assert.AreNotEqual(-1, gone.DeviceCode);
            }
        }

        [Test]
        public void B8_OperationalCommandAndConfigLoad()
        {
            using (var session = Service.Open(sim.Options()))
            {
                Assert.IsNotEmpty(session.Run("show version", CommandKind.Cli, OutputFormat.Text));
                session.Load("set system host-name cs-test", ConfigFormat.Set, LoadType.Merge, "from the C# tests");
            }
        }

        [Test]
        public void B9_FailuresMapToExceptions()
        {
            int closedPort = Repo.FreePort();
            var options = sim.Options();
            options.Port = (ushort)closedPort;
            options.ConnectTimeout = TimeSpan.FromSeconds(5);
            Assert.AreEqual(Status.Unreachable, Assert.Throws<UnreachableException>(() => Service.Open(options)).Status);

            using (var silent = new BlackHole())
            {
                var quiet = sim.Options();
                quiet.Port = (ushort)silent.Port;
                quiet.ConnectTimeout = TimeSpan.FromMilliseconds(500);
                quiet.CallTimeout = TimeSpan.FromMilliseconds(500);
                Assert.AreEqual(Status.Timeout, Assert.Throws<JetTimeoutException>(() => Service.Open(quiet)).Status);
            }

            Assert.Throws<NotAuthorizedException>(() => Service.Open(sim.Options("wrong")));

            using (var session = Service.Open(sim.Options()))
            {
                var bad = new Filter("cs-bad");
                var term = new Term("t1");
                term.Matches.DestinationPorts.Add(70000);
                term.Actions.Accept = true;
                bad.Add(term);
                var e = Assert.Throws<InvalidArgumentException>(() => session.AddFilter(bad));
                StringAssert.Contains("filter.terms[0].matches.destination-ports[0]", e.Message);
                Assert.AreEqual(-1, e.GrpcCode, "bad input reached the device");
                Assert.Throws<InvalidArgumentException>(() => session.AddFilter("{\"name\": \"x\", \"family\": \"inet\", \"terms\": [], \"color\": 1}"));
                var refused = Assert.Throws<RefusedException>(() => session.DeleteFilter("cs-never-added", Family.Inet));
                Assert.AreNotEqual(-1, refused.DeviceCode, "a device refusal carries the device's code");
            }
        }

        [Test]
        public void B10_CancellationEndsABlockedCallWithin100ms()
        {
            using (var silent = new BlackHole())
            using (var cancel = new CancellationTokenSource())
            {
                var options = sim.Options();
                options.Port = (ushort)silent.Port;
                options.ConnectTimeout = TimeSpan.FromSeconds(60);
                options.CallTimeout = TimeSpan.FromSeconds(60);
                Exception thrown = null;
                long returnedAt = 0;
                var clock = Stopwatch.StartNew();
                var caller = new Thread(() =>
                {
                    try { Service.Open(options, cancel.Token).Dispose(); }
                    catch (Exception e) { thrown = e; }
                    Interlocked.Exchange(ref returnedAt, clock.ElapsedTicks);
                });
                caller.Start();
                // The call is blocked once the device has its connection and stays silent.
                Assert.IsTrue(silent.Accepted.Wait(TimeSpan.FromSeconds(20)), "the call never connected");
                Assert.IsTrue(caller.IsAlive);
                long triggeredAt = clock.ElapsedTicks;
                cancel.Cancel();
                Assert.IsTrue(caller.Join(TimeSpan.FromSeconds(10)), "the cancelled call did not return");
                double ms = (returnedAt - triggeredAt) * 1000.0 / Stopwatch.Frequency;
                Assert.IsInstanceOf<OperationCanceledException>(thrown);
                Assert.IsInstanceOf<CancelledException>(thrown.InnerException);
                Assert.Less(ms, 100.0, "returned " + ms + " ms after the cancel");
            }

            // A token cancelled beforehand never starts the call.
            using (var cancelled = new CancellationTokenSource())
            {
                cancelled.Cancel();
                Assert.Throws<OperationCanceledException>(() => Service.Open(sim.Options(), cancelled.Token));
            }
        }
    }

    /// <summary>A TCP server that accepts connections and never answers (a device that hangs).</summary>
    internal sealed class BlackHole : IDisposable
    {
        private readonly TcpListener listener = new TcpListener(IPAddress.Loopback, 0);
        private readonly Thread acceptor;
        private readonly System.Collections.Generic.List<TcpClient> clients = new System.Collections.Generic.List<TcpClient>();

        internal BlackHole()
        {
            listener.Start();
            Port = ((IPEndPoint)listener.LocalEndpoint).Port;
            acceptor = new Thread(() =>
            {
                try
                {
                    while (true)
                    {
                        TcpClient client = listener.AcceptTcpClient();
                        lock (clients) clients.Add(client);
                        Accepted.Set();
                    }
                }
                catch (SocketException) { /* stopped */ }
                catch (ObjectDisposedException) { /* stopped */ }
            }) { IsBackground = true };
            acceptor.Start();
        }

        internal int Port { get; private set; }
        internal readonly ManualResetEventSlim Accepted = new ManualResetEventSlim(false);

        public void Dispose()
        {
            listener.Stop();
            lock (clients) foreach (TcpClient client in clients) client.Close();
            acceptor.Join(5000);
        }
    }
}
