using System;
using System.Diagnostics;
using System.IO;
using System.Text.RegularExpressions;
using System.Threading;
using LibJet.Tests.Support;
using NUnit.Framework;

namespace LibJet.Tests
{
    /// <summary>Each C# example beside its C twin, on the same broker and device: same output and exit status.</summary>
    [TestFixture]
    public class Examples
    {
        private Sim sim;
        private Broker broker;

        [TestFixtureSetUp]
        public void Start()
        {
            sim = new Sim("--tick 0");
            broker = new Broker();
        }

        [TestFixtureTearDown]
        public void Stop()
        {
            sim.Dispose();
            broker.Dispose();
        }

        private static string RunExample = Repo.Path("bindings", "csharp", "run-example");

        private static Repo.Result C(string name, string args) { return Repo.Run(Path.Combine(Repo.Build, "c", name), args); }

        private static Repo.Result CSharp(string name, string args) { return Repo.Run(RunExample, name + " " + args); }

        private static string WithoutClientIds(string text) { return Regex.Replace(text, @"\(client [^,]*,", "(client ID,"); }

        private static void Same(Repo.Result c, Repo.Result cs)
        {
            Assert.AreEqual(c.Code, cs.Code, "C: " + c + "\nC#: " + cs);
            Assert.AreEqual(WithoutClientIds(c.Stdout), WithoutClientIds(cs.Stdout));
            Assert.AreEqual(c.Stderr, cs.Stderr);
        }

        private string ServiceArgs { get { return "--device 127.0.0.1 --port " + sim.GrpcPort + " --user jet --password jet123 --clear-text"; } }

        [Test]
        public void FirewallExampleMatchesC()
        {
            Same(C("firewall", ServiceArgs + " --interface ge-0/0/0.0"), CSharp("firewall", ServiceArgs + " --interface ge-0/0/0.0"));
            Same(C("firewall", ServiceArgs), CSharp("firewall", ServiceArgs));
            Same(C("firewall", ServiceArgs.Replace("jet123", "bad") + " --interface ge-0/0/0.0"), CSharp("firewall", ServiceArgs.Replace("jet123", "bad") + " --interface ge-0/0/0.0"));
        }

        [Test]
        public void InterfacesExampleMatchesC()
        {
            Same(C("interfaces", ServiceArgs + " --add ge-0/0/3.0 inet 192.0.2.41/24"), CSharp("interfaces", ServiceArgs + " --add ge-0/0/3.0 inet 192.0.2.42/24").Replace42());
            Same(C("interfaces", ServiceArgs + " --delete ge-0/0/3.0 inet 192.0.2.41/24"), CSharp("interfaces", ServiceArgs + " --delete ge-0/0/3.0 inet 192.0.2.42/24").Replace42());
            Same(C("interfaces", ServiceArgs + " --delete ge-0/0/3.0 inet 192.0.2.41/24"), CSharp("interfaces", ServiceArgs + " --delete ge-0/0/3.0 inet 192.0.2.41/24"));
            Same(C("interfaces", ServiceArgs + " --add ge-0/0/3 inet 192.0.2.41/24"), CSharp("interfaces", ServiceArgs + " --add ge-0/0/3 inet 192.0.2.41/24"));
            Same(C("interfaces", "--port 0"), CSharp("interfaces", "--port 0"));
        }

        [Test]
        public void WatchExampleMatchesC()
        {
            string args = "--port " + broker.Port + " --count 3 /junos/events/#";
            Process c = Start(Path.Combine(Repo.Build, "c", "watch"), args);
            Process cs = Start(RunExample, "watch " + args);
            string sample = Repo.Path("tests", "data", "events", "ifl-change.json");
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!(c.HasExited && cs.HasExited) && DateTime.UtcNow < deadline)
            {
                broker.PublishFile("/junos/events/kernel/interfaces/ifl/change/ge-0/0/0.0", sample);
                Thread.Sleep(200);
            }
            Assert.IsTrue(c.WaitForExit(1000) && cs.WaitForExit(1000), "a watch did not end");
            Assert.AreEqual(0, c.ExitCode);
            Assert.AreEqual(0, cs.ExitCode);
            string expected = c.StandardOutput.ReadToEnd();
            Assert.AreEqual(3, expected.Split('\n').Length - 1);
            Assert.AreEqual(expected, cs.StandardOutput.ReadToEnd());

            Same(C("watch", "--count x"), CSharp("watch", "--count x"));
            Same(C("watch", "--password p"), CSharp("watch", "--password p"));
            int closed = Repo.FreePort();
            Same(C("watch", "--port " + closed), CSharp("watch", "--port " + closed));
        }

        private static Process Start(string program, string args)
        {
            return Process.Start(new ProcessStartInfo(program, args) { UseShellExecute = false, RedirectStandardOutput = true });
        }
    }

    internal static class ResultExtensions
    {
        /// <summary>The C# run used address .42 so that both runs change the device; compare it as .41.</summary>
        internal static Repo.Result Replace42(this Repo.Result result)
        {
            return new Repo.Result(result.Code, result.Stdout.Replace("192.0.2.42", "192.0.2.41"), result.Stderr.Replace("192.0.2.42", "192.0.2.41"));
        }
    }
}
