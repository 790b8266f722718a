using System;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace LibJet.Tests.Support
{
    /// <summary>The real `jet sim` on free loopback ports (user jet, password jet123).</summary>
    internal sealed class Sim : IDisposable
    {
        internal const string User = "jet";
        internal const string Password = "jet123";

        private readonly Process process;

        /// <summary>Starts target/release/jet sim and reads its ports from its first line.</summary>
        internal Sim(string extraArguments = "")
        {
            var info = new ProcessStartInfo(Repo.Path("target", "release", "jet"),
                "sim --mqtt-port 0 --grpc-port 0 --user " + User + " --password " + Password + " --quiet " + extraArguments)
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = false,
            };
            process = Process.Start(info);
            string line = process.StandardOutput.ReadLine();
            Match m = Regex.Match(line ?? "", @"^jet sim: mqtt [0-9.]+:(\d+) grpc [0-9.]+:(\d+)");
            if (!m.Success)
            {
                Repo.Stop(process);
                throw new InvalidOperationException("jet sim did not print its ports; it printed: " + line);
            }
            MqttPort = int.Parse(m.Groups[1].Value);
            GrpcPort = int.Parse(m.Groups[2].Value);
        }

        /// <summary>The simulator's MQTT port.</summary>
        internal int MqttPort { get; private set; }

        /// <summary>The simulator's gRPC port.</summary>
        internal int GrpcPort { get; private set; }

        /// <summary>Clear-text options with the right credentials.</summary>
        internal ServiceOptions Options(string password = Password)
        {
            return new ServiceOptions { Port = (ushort)GrpcPort, User = User, Password = password, ClearText = true, ConnectTimeout = TimeSpan.FromSeconds(10) };
        }

        /// <summary>Stops the simulator.</summary>
        public void Dispose() { Repo.Stop(process); }
    }
}
