using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using LibJet.Tests.Support;
using NUnit.Framework;

namespace LibJet.Tests
{
    /// <summary>
    /// Inline callbacks (NotificationOptions.InlineCallbacks): handlers run on
    /// libjet's network thread, in order; blocking calls from them are refused;
    /// a throwing handler is logged and the stream goes on.
    /// </summary>
    [TestFixture]
    public class InlineCallbacks
    {
        /// <summary>Generous: CI is a loaded 2-core machine.</summary>
        private const int WaitSeconds = 30;

        private Broker broker;

        [TestFixtureSetUp]
        public void StartBroker() { broker = new Broker(); }

        [TestFixtureTearDown]
        public void StopBroker() { broker.Dispose(); }

        private NotificationOptions Options(bool inline)
        {
            return new NotificationOptions { Port = (ushort)broker.Port, InlineCallbacks = inline };
        }

        /// <summary>The payload of event number `n`.</summary>
        private static string Numbered(int n)
        {
            return "{\"jet-event\": {\"event-id\": \"INLINE\", \"attributes\": {\"n\": " + n + "}}}";
        }

        private static List<string> NumberedLines(int count)
        {
            var lines = new List<string>();
            for (int n = 0; n < count; n++) lines.Add(Numbered(n));
            return lines;
        }

        [Test]
        public void EventsArriveInOrderThroughTheHandler()
        {
            const int count = 200;
            const string topic = "/test/inline/order";
            var seen = new Collector<long>();
            using (var session = Notifications.Open(Options(true)))
            using (session.Subscribe(topic, evt => seen.Add(evt.GetInt("n"))))
            {
                broker.PublishLines(topic, NumberedLines(count));
                List<long> numbers = seen.WaitFor(count, WaitSeconds);
                for (int n = 0; n < count; n++) Assert.AreEqual(n, numbers[n], "out of order at " + n);
                Assert.AreEqual((ulong)count, session.Stats.Delivered);
                Assert.AreEqual(0ul, session.Stats.Dropped);
            }
        }

        /// <summary>Subscribes on `session`, publishes one event and returns what a Subscribe inside the handler threw (null: nothing).</summary>
        private Exception SubscribeInHandler(Notifications session, string topic)
        {
            var result = new Collector<Exception>();
            int calls = 0;
            session.Subscribe(topic, evt =>
            {
                if (Interlocked.Increment(ref calls) != 1) return;
                try
                {
                    session.Subscribe(topic + "/inner", inner => { }).Dispose();
                    result.Add(null);
                }
                catch (Exception e)
                {
                    result.Add(e);
                }
            });
            broker.PublishText(topic, "{}");
            return result.WaitFor(1, WaitSeconds)[0];
        }

        [Test]
        public void BlockingCallsFromTheHandlerAreRefused()
        {
            using (var session = Notifications.Open(Options(true)))
            {
                var refused = SubscribeInHandler(session, "/test/inline/refused") as JetException;
                Assert.IsNotNull(refused, "Subscribe in an inline handler did not throw a JetException");
                Assert.AreEqual(Status.WouldDeadlock, refused.Status);
                StringAssert.Contains("subscribe", refused.Message);
            }
            // The refusal is the network thread's: from a dispatcher handler the same Subscribe succeeds.
            using (var session = Notifications.Open(Options(false)))
            {
                Assert.IsNull(SubscribeInHandler(session, "/test/inline/dispatcher"));
            }
        }

        [Test]
        public void AThrowingHandlerIsLoggedAndTheNextEventArrives()
        {
            const string topic = "/test/inline/throw";
            var logged = new Collector<LogRecord>();
            EventHandler<LogRecord> onLog = (sender, record) => { if (record.Target == "csharp") logged.Add(record); };
            Jet.Log += onLog;
            try
            {
                var after = new Collector<long>();
                using (var session = Notifications.Open(Options(true)))
                {
                    session.Subscribe(topic, evt =>
                    {
                        long n = evt.GetInt("n");
                        if (n == 0) throw new InvalidOperationException("thrown by inline handler " + n);
                        after.Add(n);
                    });
                    broker.PublishLines(topic, NumberedLines(2));
                    Assert.AreEqual(1L, after.WaitFor(1, WaitSeconds)[0]);
                    LogRecord record = logged.WaitFor(r => r.Message.Contains("thrown by inline handler 0"), WaitSeconds);
                    Assert.AreEqual(LogLevel.Error, record.Level);
                    Assert.AreEqual(ConnectionState.Connected, session.State);
                }
            }
            finally
            {
                Jet.Log -= onLog;
            }
        }

        [Test]
        public void ACreatedSessionMayCloseFromItsHandler()
        {
            const string topic = "/test/inline/close";
            int calls = 0;
            var closing = new Collector<TimeSpan>();
            Notifications session = Notifications.Create(Options(true));
            Subscription sub = session.Subscribe(topic, evt =>
            {
                Interlocked.Increment(ref calls);
                var clock = Stopwatch.StartNew();
                session.Close();
                closing.Add(clock.Elapsed);
            });
            session.Connect();
            broker.PublishLines(topic, NumberedLines(2));
            // Close on the network thread does not wait for that thread's own task (libjet bounds that wait at 5 s).
            TimeSpan took = closing.WaitFor(1, WaitSeconds)[0];
            Assert.Less(took, TimeSpan.FromSeconds(4), "Close in an inline handler took " + took);
            Assert.IsTrue(sub.Target.Released.Wait(TimeSpan.FromSeconds(WaitSeconds)), "the handler was not released");
            Assert.AreEqual(1, sub.Target.Releases);
            Assert.AreEqual(1, Volatile.Read(ref calls));
            Assert.Throws<ObjectDisposedException>(() => { var s = session.Stats; });
        }
    }
}
