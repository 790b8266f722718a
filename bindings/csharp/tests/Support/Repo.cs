using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;

namespace LibJet.Tests.Support
{
    /// <summary>Paths of the repository and small process helpers for the tests.</summary>
    internal static class Repo
    {
        /// <summary>The repository root (JET_REPO, set by bindings/csharp/test).</summary>
        internal static string Root
        {
            get
            {
                string root = Environment.GetEnvironmentVariable("JET_REPO");
                if (string.IsNullOrEmpty(root)) throw new InvalidOperationException("JET_REPO is not set: run bindings/csharp/test");
                return root;
            }
        }

        /// <summary>A path under the repository root.</summary>
        internal static string Path(params string[] parts)
        {
            string path = Root;
            foreach (string part in parts) path = System.IO.Path.Combine(path, part);
            return path;
        }

        /// <summary>The build directory of the binding (bindings/csharp/build).</summary>
        internal static string Build { get { return Path("bindings", "csharp", "build"); } }

        /// <summary>A free loopback TCP port (asked of the kernel).</summary>
        internal static int FreePort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            int port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }

        /// <summary>Waits until 127.0.0.1:`port` accepts connections (fails after 20 s).</summary>
        internal static void WaitListening(int port, Process owner)
        {
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (DateTime.UtcNow < deadline)
            {
                if (owner != null && owner.HasExited) throw new InvalidOperationException("the server exited with status " + owner.ExitCode);
                try
                {
                    using (var client = new TcpClient()) { client.Connect(IPAddress.Loopback, port); return; }
                }
                catch (SocketException) { Thread.Sleep(50); }
            }
            throw new TimeoutException("nothing listens on port " + port + " after 20 s");
        }

        /// <summary>Runs a program to its end; returns (exit code, stdout, stderr).</summary>
        internal static Result Run(string program, string arguments, int timeoutMs = 60000, string environmentName = null, string environmentValue = null)
        {
            var info = new ProcessStartInfo(program, arguments)
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            if (environmentName != null) info.EnvironmentVariables[environmentName] = environmentValue;
            using (Process process = Process.Start(info))
            {
                var stderr = process.StandardError.ReadToEndAsync();
                var stdout = process.StandardOutput.ReadToEndAsync();
                if (!process.WaitForExit(timeoutMs))
                {
                    process.Kill();
                    throw new TimeoutException(program + " " + arguments + " did not end within " + timeoutMs + " ms");
                }
                process.WaitForExit();
                return new Result(process.ExitCode, stdout.Result, stderr.Result);
            }
        }

        /// <summary>A finished program's exit code and output.</summary>
        internal sealed class Result
        {
            internal Result(int code, string stdout, string stderr) { Code = code; Stdout = stdout; Stderr = stderr; }
            internal int Code { get; private set; }
            internal string Stdout { get; private set; }
            internal string Stderr { get; private set; }
            public override string ToString() { return "exit " + Code + "\nstdout:\n" + Stdout + "\nstderr:\n" + Stderr; }
        }

        /// <summary>Stops a server process: SIGTERM, then SIGKILL after 5 s.</summary>
        internal static void Stop(Process process)
        {
            if (process == null) return;
            try
            {
                if (!process.HasExited)
                {
                    Run("kill", "-TERM " + process.Id, 5000);
                    if (!process.WaitForExit(5000)) process.Kill();
                    process.WaitForExit();
                }
            }
            catch (InvalidOperationException) { /* already gone */ }
            process.Dispose();
        }
    }
}
