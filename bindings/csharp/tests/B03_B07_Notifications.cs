using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using LibJet.Tests.Support;
using NUnit.Framework;

namespace LibJet.Tests
{
    [TestFixture]
    public class Notifications_
    {
        private Broker broker;

        [TestFixtureSetUp]
        public void StartBroker() { broker = new Broker(); }

        [TestFixtureTearDown]
        public void StopBroker() { broker.Dispose(); }

        private Notifications Open()
        {
            return Notifications.Open(new NotificationOptions { Port = (ushort)broker.Port, ReconnectMin = TimeSpan.FromMilliseconds(100), ReconnectMax = TimeSpan.FromMilliseconds(400) });
        }

        private void PublishSamples()
        {
            foreach (var sample in Samples.All()) broker.PublishFile(sample.Value, sample.Key);
        }

        /// <summary>The checks B3 and B4 share: every sample, in order, with its fields.</summary>
        private static void CheckSamples(List<Seen> seen, List<Event> owned)
        {
            var samples = Samples.All();
            Assert.AreEqual(samples.Count, seen.Count);
            for (int i = 0; i < samples.Count; i++)
            {
                string file = Path.GetFileName(samples[i].Key);
                Assert.AreEqual(samples[i].Value, seen[i].Topic, file);
                bool malformed = file == "doc-missing-comma.json" || file == "not-json.txt";
                Assert.AreEqual(!malformed, seen[i].Parsed, file);
                if (malformed)
                {
                    Assert.IsNotNull(seen[i].ParseError, file);
                    CollectionAssert.AreEqual(File.ReadAllBytes(samples[i].Key), seen[i].Raw, file);
                    Assert.AreEqual("{}", seen[i].Attributes, file);
                }
                else
                {
                    Assert.IsNotNull(seen[i].Id, file);
                    Assert.IsNull(seen[i].ParseError, file);
                    Assert.AreEqual("r1", seen[i].Hostname, file);
                }
            }
            Event ifl = owned[samples.FindIndex(s => s.Key.EndsWith("ifl-change.json", StringComparison.Ordinal))];
            Assert.AreEqual("KERNEL_EVENT_IFL_CHANGE", ifl.Id);
            Assert.AreEqual("2019-01-22-14:58:30", ifl.Time);
            Assert.AreEqual("INFO", ifl.Severity);
            Assert.AreEqual("KERNEL", ifl.Facility);
            Assert.AreEqual(0, ifl.GetInt("subunit"));
            Assert.AreEqual(531, ifl.GetInt("snmp-id"));
            Assert.AreEqual("ge-0/0/0", ifl.GetString("name"));
            CollectionAssert.AreEqual(new[] { "flags", "name", "snmp-id", "subunit" }, ifl.AttributeNames);
            Assert.Throws<NotFoundException>(() => ifl.GetString("absent"));
            Assert.Throws<JetException>(() => ifl.GetString("subunit"));

            Event route = owned[samples.FindIndex(s => s.Key.EndsWith("route-add.json", StringComparison.Ordinal))];
            Assert.AreEqual(2, route.GetArrayLength("nexthop-address"));
            Assert.AreEqual("192.0.2.3", route.GetArrayString("nexthop-address", 1));
            Assert.AreEqual("[\"192.0.2.2\",\"192.0.2.3\"]", route.GetJson("nexthop-address"));

            Event login = owned[samples.FindIndex(s => s.Key.EndsWith("syslog-login.json", StringComparison.Ordinal))];
            Assert.AreEqual(13614, login.ProcessId);
            Assert.AreEqual("login", login.ProcessName);
            StringAssert.StartsWith("User 'lab' logged in", login.Message);
            Assert.AreEqual("/dev/ttyp0", login.GetString("tty-name"));
            string user;
            Assert.IsTrue(login.TryGetString("username", out user));
            Assert.AreEqual("lab", user);
        }

        [Test]
        public void B3_PushDeliversEverySampleWithFieldsAndParseErrors()
        {
            var seen = new Collector<Seen>();
            var owned = new Collector<Event>();
            using (var session = Open())
            using (session.Subscribe(Topics.AllEvents(), evt => { seen.Add(Seen.Of(evt)); owned.Add(evt.Clone()); }))
            {
                PublishSamples();
                int count = Samples.All().Count;
                CheckSamples(seen.WaitFor(count), owned.WaitFor(count));
                Assert.AreEqual((ulong)count, session.Stats.Delivered);
                Assert.AreEqual(2ul, session.Stats.ParseErrors);
            }
            foreach (Event evt in owned.Snapshot()) evt.Dispose();
        }

        [Test]
        public void B3_CreateSubscribeThenConnect()
        {
            var states = new Collector<ConnectionState>();
            var seen = new Collector<string>();
            using (var session = Notifications.Create(new NotificationOptions { Port = (ushort)broker.Port }))
            {
                session.StateChanged += states.Add;
                Assert.AreEqual(ConnectionState.Idle, session.State);
                session.Subscribe("/test/b3/create", evt => seen.Add(evt.Topic));
                session.Connect();
                states.WaitFor(s => s == ConnectionState.Connected);
                broker.PublishText("/test/b3/create", "{}");
                Assert.AreEqual("/test/b3/create", seen.WaitFor(1)[0]);
                Assert.Throws<InvalidArgumentException>(() => session.Connect());
            }
        }

        [Test]
        public void B4_PullDeliversTheSameAndATimeoutReturnsPromptly()
        {
            using (var session = Open())
            using (session.SubscribePull(Topics.AllEvents()))
            {
                PublishSamples();
                var seen = new List<Seen>();
                var owned = new List<Event>();
                for (int i = 0; i < Samples.All().Count; i++)
                {
                    Event evt = session.Next(TimeSpan.FromSeconds(20));
                    Assert.IsNotNull(evt, "event " + i + " did not come");
                    seen.Add(Seen.Of(evt));
                    owned.Add(evt);
                }
                CheckSamples(seen, owned);
                foreach (Event evt in owned) evt.Dispose();

                var clock = System.Diagnostics.Stopwatch.StartNew();
                Assert.IsNull(session.Next(TimeSpan.FromMilliseconds(200)));
                Event none;
                Assert.IsFalse(session.TryNext(TimeSpan.FromMilliseconds(50), out none));
                Assert.IsNull(none);
                Assert.Less(clock.ElapsedMilliseconds, 5000, "the timeouts were not prompt");
            }
        }

        [Test]
        public void B5_UnsubscribeAndCloseFromInsideACallback()
        {
            using (var session = Open())
            {
                int calls = 0;
                Subscription self = null;
                var inside = new ManualResetEventSlim(false);
                self = session.Subscribe("/test/b5/self", evt =>
                {
                    Interlocked.Increment(ref calls);
                    self.Dispose();       // unsubscribes from its own callback: no deadlock
                    inside.Set();
                });
                var markers = new Collector<string>();
                session.Subscribe("/test/b5/marker", evt => markers.Add(evt.Topic));
                broker.PublishText("/test/b5/self", "1");
                Assert.IsTrue(inside.Wait(TimeSpan.FromSeconds(20)));
                broker.PublishText("/test/b5/self", "2");
                broker.PublishText("/test/b5/marker", "m");
                markers.WaitFor(1); // events are dispatched in order: "2" came before the marker
                Assert.AreEqual(1, Volatile.Read(ref calls));
                Assert.IsTrue(self.Target.Released.Wait(TimeSpan.FromSeconds(10)));
                Assert.AreEqual(1, self.Target.Releases);
            }

            // Unsubscribe from another thread: on return no callback runs.
            using (var session = Open())
            {
                int calls = 0;
                var first = new ManualResetEventSlim(false);
                Subscription sub = session.Subscribe("/test/b5/outside", evt => { Interlocked.Increment(ref calls); first.Set(); });
                var markers = new Collector<string>();
                session.Subscribe("/test/b5/marker", evt => markers.Add(evt.Topic));
                broker.PublishText("/test/b5/outside", "1");
                Assert.IsTrue(first.Wait(TimeSpan.FromSeconds(20)));
                sub.Dispose();
                Assert.AreEqual(1, sub.Target.Releases, "user data not released exactly once on return");
                int after = Volatile.Read(ref calls);
                broker.PublishText("/test/b5/outside", "2");
                broker.PublishText("/test/b5/marker", "m");
                markers.WaitFor(1);
                Assert.AreEqual(after, Volatile.Read(ref calls));
                Assert.AreEqual(1, sub.Target.Releases);
            }

            // Close the session from inside its own callback.
            var session3 = Open();
            var closed = new ManualResetEventSlim(false);
            Subscription sub3 = session3.Subscribe("/test/b5/close", evt => { session3.Close(); closed.Set(); });
            broker.PublishText("/test/b5/close", "1");
            Assert.IsTrue(closed.Wait(TimeSpan.FromSeconds(20)), "close from a callback deadlocked");
            Assert.IsTrue(sub3.Target.Released.Wait(TimeSpan.FromSeconds(10)));
            Assert.AreEqual(1, sub3.Target.Releases);
            Assert.Throws<ObjectDisposedException>(() => { var s = session3.Stats; });
        }

        [Test]
        public void B6_AThrowingCallbackIsCaughtLoggedAndTheStreamGoesOn()
        {
            var logged = new Collector<LogRecord>();
            EventHandler<LogRecord> onLog = (sender, record) => { if (record.Target == "csharp") logged.Add(record); };
            Jet.Log += onLog;
            try
            {
                using (var session = Open())
                {
                    var calls = new Collector<string>();
                    session.Subscribe("/test/b6", evt =>
                    {
                        calls.Add(evt.Topic);
                        throw new InvalidOperationException("thrown by the B6 callback");
                    });
                    broker.PublishText("/test/b6", "1");
                    broker.PublishText("/test/b6", "2");
                    broker.PublishText("/test/b6", "3");
                    calls.WaitFor(3);
                    List<LogRecord> records = logged.WaitFor(3);
                    Assert.AreEqual(LogLevel.Error, records[0].Level);
                    StringAssert.Contains("thrown by the B6 callback", records[0].Message);
                    Assert.AreEqual(ConnectionState.Connected, session.State);
                }
            }
            finally
            {
                Jet.Log -= onLog;
            }
        }

        [Test]
        public void B7_BrokerRestartReconnectsAndRestoresTheSubscription()
        {
            var states = new Collector<ConnectionState>();
            var events = new Collector<string>();
            using (var session = Open())
            {
                session.StateChanged += states.Add;
                session.Subscribe("/test/b7", evt => events.Add(Encoding(evt)));
                broker.PublishText("/test/b7", "before");
                events.WaitFor(1);

                broker.Stop();
                states.WaitFor(s => s == ConnectionState.Reconnecting);
                broker.Start();
                int reconnecting = states.Snapshot().FindIndex(s => s == ConnectionState.Reconnecting);
                while (states.Snapshot().FindIndex(reconnecting, s => s == ConnectionState.Connected) < 0)
                    states.WaitFor(states.Snapshot().Count + 1, 30);

                broker.PublishText("/test/b7", "after");
                events.WaitFor(2);
                CollectionAssert.AreEqual(new[] { "before", "after" }, events.Snapshot());
                Assert.GreaterOrEqual(session.Stats.Reconnects, 1ul);
            }
        }

        private static string Encoding(Event evt) { return System.Text.Encoding.UTF8.GetString(evt.Raw); }
    }
}
