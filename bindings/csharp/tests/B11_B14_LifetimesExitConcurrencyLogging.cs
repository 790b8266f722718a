using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Runtime.CompilerServices;
using System.Threading;
using LibJet.Native;
using LibJet.Tests.Support;
using NUnit.Framework;

namespace LibJet.Tests
{
    [TestFixture]
    public class LifetimesExitConcurrencyLogging
    {
        private Broker broker;
        private Sim sim;

        [TestFixtureSetUp]
        public void Start()
        {
            broker = new Broker();
            sim = new Sim();
        }

        [TestFixtureTearDown]
        public void Stop()
        {
            broker.Dispose();
            sim.Dispose();
        }

        private Notifications Open() { return Notifications.Open(new NotificationOptions { Port = (ushort)broker.Port }); }

        [Test]
        public void B11_DoubleCloseAndUseAfterCloseAreSafe()
        {
            var session = Open();
            Subscription sub = session.Subscribe("/test/b11", evt => { });
            Event kept = null;
            Event borrowed = null;
            var got = new ManualResetEventSlim(false);
            session.Subscribe("/test/b11/keep", evt => { borrowed = evt; kept = evt.Clone(); got.Set(); });
            var after = new ManualResetEventSlim(false);
            session.Subscribe("/test/b11/after", evt => after.Set());
            broker.PublishText("/test/b11/keep", "{\"jet-event\": {\"event-id\": \"X\", \"attributes\": {}}}");
            broker.PublishText("/test/b11/after", "{}");
            Assert.IsTrue(got.Wait(TimeSpan.FromSeconds(20)));
            // Callbacks run one at a time, in order: once "after" ran, the first callback has returned.
            Assert.IsTrue(after.Wait(TimeSpan.FromSeconds(20)));
            Assert.Throws<ObjectDisposedException>(() => { var t = borrowed.Topic; }, "a callback's event used after the callback");
            Assert.AreEqual("/test/b11/keep", kept.Topic);
            kept.Dispose();
            kept.Dispose();
            Assert.Throws<ObjectDisposedException>(() => { var t = kept.Topic; });

            sub.Dispose();
            sub.Dispose();
            session.Close();
            session.Dispose();
            sub.Dispose();
            Assert.Throws<ObjectDisposedException>(() => session.Subscribe("/x", evt => { }));
            Assert.Throws<ObjectDisposedException>(() => session.Next(TimeSpan.Zero));
            Assert.Throws<ObjectDisposedException>(() => { var id = session.ClientId; });

            var service = Service.Open(sim.Options());
            service.Close();
            service.Dispose();
            Assert.Throws<ObjectDisposedException>(() => service.GetCounter("f", "c"));
            Assert.Throws<ObjectDisposedException>(() => { var id = service.ClientId; });
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private List<CallbackTarget> Forget(int sessions)
        {
            var targets = new List<CallbackTarget>();
            for (int i = 0; i < sessions; i++)
            {
                var session = Open();
                targets.Add(session.Subscribe("/test/b11/forgotten", evt => { }).Target);
                session.SubscribePull("/test/b11/forgotten/pull");
                Service.Open(sim.Options());
                Notifications.Create(new NotificationOptions { Port = (ushort)broker.Port });
            }
            return targets;
        }

        [Test]
        public void B11_ForgottenObjectsAreCollectedWithoutACrash()
        {
            List<CallbackTarget> targets = Forget(10);
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (targets.Exists(t => t.Releases == 0) && DateTime.UtcNow < deadline)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
                Thread.Sleep(50);
            }
            foreach (CallbackTarget target in targets) Assert.AreEqual(1, target.Releases, "a forgotten session was not released exactly once");
            using (var session = Open()) Assert.AreEqual(ConnectionState.Connected, session.State);
        }

        [Test]
        public void B12_AProcessThatReceivedCallbacksExitsByItself()
        {
            var info = new ProcessStartInfo("mono", Path.Combine(Repo.Build, "JetChild.exe") + " callbacks " + broker.Port + " 3")
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using (Process child = Process.Start(info))
            {
                var stderr = child.StandardError.ReadToEndAsync();
                Assert.AreEqual("ready", child.StandardOutput.ReadLine(), stderr.IsCompleted ? stderr.Result : "");
                for (int i = 0; i < 3; i++) broker.PublishText("/junos/events/test/b12", "{\"jet-event\": {\"event-id\": \"B12\"}}");
                Assert.AreEqual("done", child.StandardOutput.ReadLine());
                var clock = Stopwatch.StartNew();
                bool exited = child.WaitForExit(10000);
                if (!exited) child.Kill();
                Assert.IsTrue(exited, "the child did not exit by itself within 10 s");
                Assert.AreEqual(0, child.ExitCode, stderr.Result);
                Assert.Less(clock.ElapsedMilliseconds, 5000, "exit took " + clock.ElapsedMilliseconds + " ms");
            }
        }

        [Test]
        public void B13_EightThreadsCallServicesAndSubscribeWhileEventsFlow()
        {
            using (var events = Open())
            using (var service = Service.Open(sim.Options()))
            {
                long received = 0;
                events.Subscribe("/test/b13/#", evt => Interlocked.Increment(ref received));
                service.AddFilter("{\"name\": \"cs-b13\", \"family\": \"inet\", \"terms\": [{\"name\": \"t0\", \"actions\": {\"count\": \"c0\", \"accept\": true}}]}");

                var publisher = Process.Start(new ProcessStartInfo("mosquitto_pub", "-h 127.0.0.1 -p " + broker.Port + " -t /test/b13/flow -l")
                {
                    UseShellExecute = false,
                    RedirectStandardInput = true,
                });
                var stop = new ManualResetEventSlim(false);
                var feeder = new Thread(() =>
                {
                    while (!stop.IsSet) { publisher.StandardInput.WriteLine("{\"jet-event\": {\"event-id\": \"B13\"}}"); Thread.Sleep(1); }
                    publisher.StandardInput.Close();
                });
                feeder.Start();

                var failures = new Collector<Exception>();
                var threads = new List<Thread>();
                for (int t = 0; t < 8; t++)
                {
                    int index = t;
                    threads.Add(new Thread(() =>
                    {
                        try
                        {
                            for (int i = 0; i < 20; i++)
                            {
                                if (index % 2 == 0)
                                {
                                    service.GetCounter("cs-b13", "c0");
                                    string address = "203.0.113." + (index * 20 + i + 1) + "/32";
                                    service.AddInterfaceAddress("ge-0/0/2", 0, Family.Inet, address);
                                    service.DeleteInterfaceAddress("ge-0/0/2", 0, Family.Inet, address);
                                }
                                else
                                {
                                    long seen = 0;
                                    using (events.Subscribe("/test/b13/flow", evt => Interlocked.Increment(ref seen)))
                                        Thread.Sleep(5);
                                }
                            }
                        }
                        catch (Exception e) { failures.Add(e); }
                    }));
                }
                foreach (Thread thread in threads) thread.Start();
                foreach (Thread thread in threads) Assert.IsTrue(thread.Join(TimeSpan.FromSeconds(120)), "a thread hung");
                stop.Set();
                feeder.Join();
                publisher.WaitForExit(10000);
                service.DeleteFilter("cs-b13", Family.Inet);
                CollectionAssert.IsEmpty(failures.Snapshot());
                Assert.Greater(Interlocked.Read(ref received), 0);
                Assert.AreEqual(ConnectionState.Connected, events.State);
            }
        }

        [Test]
        public void B14_LibjetLogRecordsReachLogAndPasswordsNeverAppear()
        {
            const string secret = "s3cret-B14-pass";
            var records = new Collector<LogRecord>();
            EventHandler<LogRecord> onLog = (sender, record) => records.Add(record);
            Jet.LogLevel = LogLevel.Trace;
            Jet.Log += onLog;
            try
            {
                using (Notifications.Open(new NotificationOptions { Port = (ushort)broker.Port, User = "b14", Password = secret })) { }
                using (Service.Open(sim.Options())) { }
                Assert.Throws<NotAuthorizedException>(() => Service.Open(sim.Options(secret)));
                records.WaitFor(r => r.Target != "csharp");
                foreach (LogRecord record in records.Snapshot())
                {
                    StringAssert.DoesNotContain(secret, record.Message);
                    StringAssert.DoesNotContain(Sim.Password, record.Message);
                }
            }
            finally
            {
                Jet.Log -= onLog;
                Jet.LogLevel = LogLevel.Info;
            }
        }
    }
}
