using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading;

namespace LibJet.Tests.Support
{
    /// <summary>
    /// A TCP proxy on a free loopback port that carries each connection to the
    /// port it is told. Moving it to another port cuts every connection it
    /// carries, so that a client sees one device go away and another answer on
    /// the same address: a device reboot, without reusing a port.
    /// </summary>
    internal sealed class Switchboard : IDisposable
    {
        private readonly TcpListener listener = new TcpListener(IPAddress.Loopback, 0);
        private readonly object gate = new object();
        private readonly List<Socket> sockets = new List<Socket>();
        private int target;
        private int epoch; // counts the moves; a connection made before one is dropped
        private bool closed;

        /// <summary>Listens on a free loopback port, carrying to `target`.</summary>
        internal Switchboard(int target)
        {
            this.target = target;
            listener.Start();
            Background("switchboard", Serve);
        }

        /// <summary>The port clients connect to.</summary>
        internal int Port { get { return ((IPEndPoint)listener.LocalEndpoint).Port; } }

        /// <summary>Carries new connections to `port` and cuts the open ones.</summary>
        internal void MoveTo(int port)
        {
            lock (gate)
            {
                target = port;
                epoch++;
                Cut();
            }
        }

        /// <summary>Stops listening and cuts every connection.</summary>
        public void Dispose()
        {
            listener.Stop();
            lock (gate)
            {
                closed = true;
                Cut();
            }
        }

        private void Cut()
        {
            foreach (Socket socket in sockets) socket.Close();
            sockets.Clear();
        }

        private void Serve()
        {
            while (true)
            {
                Socket client;
                try { client = listener.AcceptSocket(); }
                catch (Exception) { return; }
                Background("switchboard carry", () => Carry(client));
            }
        }

        /// <summary>Connects `client` to the current target and copies both ways.</summary>
        private void Carry(Socket client)
        {
            int port, seen;
            lock (gate)
            {
                port = target;
                seen = epoch;
                sockets.Add(client);
            }
            Socket device = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            bool connected = true;
            try { device.Connect(IPAddress.Loopback, port); }
            catch (SocketException) { connected = false; }
            lock (gate)
            {
                if (!connected || seen != epoch || closed)
                {
                    client.Close();
                    device.Close();
                    return;
                }
                sockets.Add(device);
            }
            client.NoDelay = true;
            Background("switchboard pipe", () => Pipe(device, client));
            Pipe(client, device);
        }

        /// <summary>Copies `from` to `to` until either ends, then closes both.</summary>
        private static void Pipe(Socket from, Socket to)
        {
            var buffer = new byte[16384];
            try
            {
                int n;
                while ((n = from.Receive(buffer)) > 0) to.Send(buffer, n, SocketFlags.None);
            }
            catch (Exception)
            {
                // Cut: the closing below is all there is to do.
            }
            finally
            {
                from.Close();
                to.Close();
            }
        }

        private static void Background(string name, ThreadStart body)
        {
            new Thread(body) { Name = name, IsBackground = true }.Start();
        }
    }
}
