using System;
using System.Collections.Generic;
using LibJet.Firewall;
using LibJet.Tests.Support;
using NUnit.Framework;

namespace LibJet.Tests
{
    /// <summary>
    /// JET state across a reconnect (B8, services): a session opened with a
    /// state mode adds and binds a filter on a device; the device reboots (a
    /// fresh jet sim takes over the address the session uses, with none of its
    /// state); the session's next call makes libjet check, report and, in
    /// Reapply, add the filter again.
    /// </summary>
    [TestFixture]
    public class StateAcrossReconnect
    {
        private const string FilterName = "cs-state-icmp";
        /// <summary>libjet's report entry for FilterName.</summary>
        private const string Entry = "filter " + FilterName;
        /// <summary>Generous: CI is a loaded 2-core machine.</summary>
        private const int WithinSeconds = 30;

        private static Filter Demo() { return Services.DemoFilter(FilterName); }

        /// <summary>A device behind a switchboard, and a session through it that added and bound the demo filter.</summary>
        private sealed class Rig : IDisposable
        {
            internal readonly Collector<StateReport> Reports = new Collector<StateReport>();
            internal readonly Service Session;
            private readonly Switchboard board;
            private Sim device;

            internal Rig(StateMode mode)
            {
                try
                {
                    device = new Sim();
                    board = new Switchboard(device.GrpcPort);
                    ServiceOptions options = device.Options();
                    options.Port = (ushort)board.Port;
                    options.State = mode;
                    Session = Service.Open(options);
                    Session.StateReported += Reports.Add;
                    Session.AddFilter(Demo());
                    Session.BindFilter(FilterName, Family.Inet, "ge-0/0/0.0", Direction.Input);
                }
                catch
                {
                    Dispose();
                    throw;
                }
            }

            /// <summary>Replaces the device with a fresh one on the session's address; the old one stops.</summary>
            internal void Reboot()
            {
                var fresh = new Sim();
                Sim old = device;
                device = fresh;
                board.MoveTo(fresh.GrpcPort);
                old.Dispose();
            }

            /// <summary>Makes an operational command until the device answers (a call may fail while the session reconnects).</summary>
            internal void Answered()
            {
                DateTime deadline = DateTime.UtcNow.AddSeconds(WithinSeconds);
                while (true)
                {
                    try
                    {
                        Session.Run("show version", timeout: TimeSpan.FromSeconds(5));
                        return;
                    }
                    catch (JetException e)
                    {
                        if (DateTime.UtcNow > deadline) throw new AssertionException("no answer after the reboot within " + WithinSeconds + " s: " + e.Message);
                        System.Threading.Thread.Sleep(50);
                    }
                }
            }

            /// <summary>The session's first report.</summary>
            internal StateReport Report() { return Reports.WaitFor(1, WithinSeconds)[0]; }

            public void Dispose()
            {
                if (Session != null) Session.Dispose();
                if (board != null) board.Dispose();
                if (device != null) device.Dispose();
            }
        }

        [Test]
        public void B8_StateReapplyAddsAndBindsThePurgedFilterAgain()
        {
            using (var rig = new Rig(StateMode.Reapply))
            {
                rig.Reboot();
                rig.Answered();
                StateReport report = rig.Report();
                CollectionAssert.AreEqual(new[] { Entry }, report.Purged, report.ToString());
                CollectionAssert.AreEqual(new[] { Entry }, report.Reapplied, report.ToString());
                Assert.IsEmpty(report.Present, report.ToString());
                Assert.IsEmpty(report.Failed, report.ToString());
                // The fresh device has the filter again: adding it is refused, and it is bound.
                var again = Assert.Catch<JetException>(() => rig.Session.AddFilter(Demo()));
                Assert.IsTrue(again is RefusedException || again is AlreadyExistsException, again.ToString());
                rig.Session.UnbindFilter(FilterName, Family.Inet, "ge-0/0/0.0", Direction.Input);
                rig.Session.DeleteFilter(FilterName, Family.Inet);
            }
        }

        [Test]
        public void B8_StateReportNamesThePurgedFilterAndAThrowingHandlerIsLogged()
        {
            var logged = new Collector<LogRecord>();
            EventHandler<LogRecord> onLog = (sender, record) => { if (record.Target == "csharp") logged.Add(record); };
            Jet.Log += onLog;
            try
            {
                using (var rig = new Rig(StateMode.Report))
                {
                    rig.Session.StateReported += seen => { throw new InvalidOperationException("thrown by the state report handler"); };
                    rig.Reboot();
                    rig.Answered();
                    StateReport report = rig.Report();
                    CollectionAssert.AreEqual(new[] { Entry }, report.Purged, report.ToString());
                    Assert.IsEmpty(report.Reapplied, report.ToString());
                    Assert.IsEmpty(report.Present, report.ToString());
                    Assert.IsEmpty(report.Failed, report.ToString());
                    Assert.Throws<NotSupportedException>(() => ((IList<string>)report.Purged).Add("x"));
                    // Report only: the device is left without the filter, so adding it succeeds.
                    rig.Session.AddFilter(Demo());
                    rig.Session.DeleteFilter(FilterName, Family.Inet);
                    LogRecord record = logged.WaitFor(r => r.Message.Contains("thrown by the state report handler"), WithinSeconds);
                    Assert.AreEqual(LogLevel.Error, record.Level);
                }
            }
            finally
            {
                Jet.Log -= onLog;
            }
        }

        [Test]
        public void B8_StateOffMakesNoReport()
        {
            using (var rig = new Rig(StateMode.Off))
            {
                rig.Reboot();
                rig.Answered();
                rig.Answered();
                // With Off libjet decides within each call, before it returns, that
                // there is nothing to check, and starts no check: once the calls
                // above returned no report can come, so a short grace is enough.
                System.Threading.Thread.Sleep(200);
                Assert.IsEmpty(rig.Reports.Snapshot());
            }
        }

        [Test]
        public void B8_StateModeOutOfRangeIsAnInvalidArgument()
        {
            // libjet checks the options before it connects: no device needed.
            var options = new ServiceOptions { ClearText = true };
            Assert.AreEqual(StateMode.Off, options.State);
            options.State = (StateMode)3;
            var e = Assert.Throws<InvalidArgumentException>(() => Service.Open(options));
            StringAssert.Contains("state", e.Message);
        }
    }
}
