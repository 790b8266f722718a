using System;
using System.Collections.Generic;
using System.IO;
using LibJet.Tests.Support;
using NUnit.Framework;

namespace LibJet.Tests
{
    [TestFixture]
    public class LibraryAndTopics
    {
        [Test]
        public void B1_LoadsLibraryChecksAbiAndReportsVersion()
        {
            Assert.AreEqual(3u, Jet.AbiVersion);
            StringAssert.IsMatch(@"^\d+\.\d+\.\d+", Jet.Version);
            Assert.AreEqual(Path.GetFullPath(Repo.Path("target", "release", "libjet.so")), Jet.LoadedLibrary);
        }

        [Test]
        public void B1_FindsLibraryThroughLdLibraryPathAndBesideTheAssembly()
        {
            // A copy of the binding without its dllmap config: Mono must find libjet itself.
            string dir = Path.Combine(Path.GetTempPath(), "jet-cs-lookup-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            try
            {
                File.Copy(Path.Combine(Repo.Build, "LibJet.dll"), Path.Combine(dir, "LibJet.dll"));
                File.Copy(Path.Combine(Repo.Build, "JetChild.exe"), Path.Combine(dir, "JetChild.exe"));
                string child = Path.Combine(dir, "JetChild.exe") + " version";

                Repo.Result missing = Repo.Run("mono", child, 60000, "LD_LIBRARY_PATH", "");
                Assert.AreNotEqual(0, missing.Code, missing.ToString());
                StringAssert.Contains("libjet was not found", missing.Stderr);

                Repo.Result viaPath = Repo.Run("mono", child, 60000, "LD_LIBRARY_PATH", Repo.Path("target", "release"));
                Assert.AreEqual(0, viaPath.Code, viaPath.ToString());
                StringAssert.Contains(Repo.Path("target", "release", "libjet.so"), viaPath.Stdout);

                File.Copy(Repo.Path("target", "release", "libjet.so"), Path.Combine(dir, "libjet.so"));
                Repo.Result beside = Repo.Run("mono", child, 60000, "LD_LIBRARY_PATH", "");
                Assert.AreEqual(0, beside.Code, beside.ToString());
                StringAssert.Contains(Path.Combine(dir, "libjet.so"), beside.Stdout);
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }

        private static List<string> CSharpTopics()
        {
            return new List<string>
            {
                Topics.Ifd(), Topics.Ifd(Op.Add, "ge-0/0/0"),
                Topics.Ifl(), Topics.Ifl(Op.Change, "ge-0/0/0", 0),
                Topics.Iff(), Topics.Iff(Op.Add, "ge-0/0/0", 0, "inet6"),
                Topics.Ifa(), Topics.Ifa(Op.Add, "xe-0/0/0", 0, "inet", "192.0.2.1/32"),
                Topics.FirewallFilter(), Topics.FirewallFilter(Op.Add, "filter-by-jet"),
                Topics.Route(), Topics.Route(Op.Add, "inet", "198.51.100.0", 24),
                Topics.RouteTable(), Topics.RouteTable(Op.Add, "blue.inet.0", "default"),
                Topics.Syslog(), Topics.Syslog("UI_COMMIT"),
                Topics.AllEvents(), Topics.AllKernelEvents(), Topics.ConfigUpdate(),
            };
        }

        [Test]
        public void B2_TopicBuildersGiveTheSameStringsAsC()
        {
            Repo.Result c = Repo.Run(Path.Combine(Repo.Build, "c", "topics"), "");
            Assert.AreEqual(0, c.Code, c.ToString());
            string[] expected = c.Stdout.TrimEnd('\n').Split('\n');
            CollectionAssert.AreEqual(expected, CSharpTopics());
            Assert.AreEqual("/junos/events/kernel/interfaces/ifa/add/xe-0/0/0.0/inet/192.0.2.1/32", CSharpTopics()[7]);
            Assert.IsTrue(Topics.Matches(Topics.Ifd(), "/junos/events/kernel/interfaces/ifd/add/ge-0/0/0"));
            Assert.IsFalse(Topics.Matches(Topics.Ifl(), "/junos/events/kernel/interfaces/ifd/add/ge-0/0/0"));
            Topics.Validate("/junos/events/#");
        }

        [Test]
        public void B2_BadTopicArgumentsGiveAClearError()
        {
            var e = Assert.Throws<InvalidArgumentException>(() => Topics.Ifl(Op.Add, "ge-0/0/0", Jet.Any));
            Assert.AreEqual(Status.InvalidArgument, e.Status);
            Assert.IsNotEmpty(e.Message);
            var bad = Assert.Throws<InvalidArgumentException>(() => Topics.Route(Op.Add, "inet", "198.51.100.0", 200));
            Assert.IsNotEmpty(bad.Message);
            Assert.Throws<InvalidArgumentException>(() => Topics.Validate("/junos/#/events"));
        }
    }
}
