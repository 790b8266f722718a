using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;

namespace LibJet.Tests.Support
{
    /// <summary>A real Mosquitto on a free loopback port, with its own config file.</summary>
    internal sealed class Broker : IDisposable
    {
        private readonly string directory;
        private Process process;

        /// <summary>Starts the broker and waits until it listens.</summary>
        internal Broker()
        {
            Port = Repo.FreePort();
            directory = Path.Combine(Path.GetTempPath(), "jet-cs-broker-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(directory);
            File.WriteAllText(Path.Combine(directory, "mosquitto.conf"),
                "listener " + Port + " 127.0.0.1\nallow_anonymous true\npersistence false\nlog_dest none\n");
            Start();
        }

        /// <summary>The broker's port.</summary>
        internal int Port { get; private set; }

        /// <summary>Starts (again) on the same port.</summary>
        internal void Start()
        {
            var info = new ProcessStartInfo("mosquitto", "-c " + Path.Combine(directory, "mosquitto.conf"))
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            process = Process.Start(info);
            Repo.WaitListening(Port, process);
        }

        /// <summary>Stops the broker (for a restart).</summary>
        internal void Stop()
        {
            Repo.Stop(process);
            process = null;
        }

        /// <summary>Publishes `file` (a path) on `topic` with mosquitto_pub.</summary>
        internal void PublishFile(string topic, string file)
        {
            Publish("-f " + Quote(file), topic);
        }

        /// <summary>Publishes `payload` on `topic` with mosquitto_pub.</summary>
        internal void PublishText(string topic, string payload)
        {
            Publish("-m " + Quote(payload), topic);
        }

        /// <summary>
        /// Publishes each of `lines` as one message on `topic`, in order, from
        /// one mosquitto_pub (-l, QoS 1: it ends once the broker has all). The
        /// lines go through a file (UTF-8, no BOM) that sh gives it as stdin.
        /// </summary>
        internal void PublishLines(string topic, IEnumerable<string> lines)
        {
            string file = Path.Combine(directory, "lines-" + Guid.NewGuid().ToString("N") + ".txt");
            File.WriteAllText(file, string.Join("\n", lines) + "\n");
            const string script = "exec mosquitto_pub -h 127.0.0.1 -p \"$1\" -q 1 -t \"$2\" -l < \"$3\"";
            Repo.Result result = Repo.Run("sh", "-c " + Quote(script) + " sh " + Port + " " + Quote(topic) + " " + Quote(file), 20000);
            File.Delete(file);
            if (result.Code != 0) throw new InvalidOperationException("mosquitto_pub -l failed: " + result);
        }

        private void Publish(string what, string topic)
        {
            Repo.Result result = Repo.Run("mosquitto_pub", "-h 127.0.0.1 -p " + Port + " -q 1 -t " + Quote(topic) + " " + what, 20000);
            if (result.Code != 0) throw new InvalidOperationException("mosquitto_pub failed: " + result);
        }

        private static string Quote(string text) { return "'" + text.Replace("'", "'\\''") + "'"; }

        /// <summary>Stops the broker and removes its directory.</summary>
        public void Dispose()
        {
            Stop();
            try { Directory.Delete(directory, true); } catch (IOException) { }
        }
    }
}
