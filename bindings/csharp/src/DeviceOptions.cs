using System;
using LibJet.Native;

namespace LibJet
{
    /// <summary>What notification and service options share: the device, the credentials and TLS.</summary>
    public abstract class DeviceOptions
    {
        internal DeviceOptions() { }

        /// <summary>Device host name or address. Default "127.0.0.1".</summary>
        public string Device { get; set; }
        /// <summary>The port (MQTT default 1883, JET services default 32767).</summary>
        public ushort Port { get; set; }
        /// <summary>User name; for services, null skips the login.</summary>
        public string User { get; set; }
        /// <summary>Password; never logged.</summary>
        public string Password { get; set; }
        /// <summary>Client id; null makes a unique one.</summary>
        public string ClientId { get; set; }
        /// <summary>PEM file of the CA(s) to trust; null trusts the system's roots.</summary>
        public string TlsCaFile { get; set; }
        /// <summary>PEM client certificate for mutual TLS.</summary>
        public string TlsCertFile { get; set; }
        /// <summary>PEM key of the client certificate.</summary>
        public string TlsKeyFile { get; set; }
        /// <summary>Name to verify in the certificate instead of Device.</summary>
        public string TlsServerName { get; set; }
        /// <summary>Accept any certificate (labs only). Default false.</summary>
        public bool TlsInsecureSkipVerify { get; set; }
        /// <summary>Time to connect. Default 10 s.</summary>
        public TimeSpan ConnectTimeout { get; set; }

        /// <summary>Copies the shared settings into a C struct's fields.</summary>
        internal void Fill(NativeStrings strings, out IntPtr device, out ushort port, out IntPtr user, out IntPtr password, out IntPtr clientId,
            out IntPtr caFile, out IntPtr certFile, out IntPtr keyFile, out IntPtr serverName, out byte skipVerify, out uint connectTimeoutMs)
        {
            device = strings.Add(Device);
            port = Port;
            user = strings.Add(User);
            password = strings.Add(Password);
            clientId = strings.Add(ClientId);
            caFile = strings.Add(TlsCaFile);
            certFile = strings.Add(TlsCertFile);
            keyFile = strings.Add(TlsKeyFile);
            serverName = strings.Add(TlsServerName);
            skipVerify = Flag(TlsInsecureSkipVerify);
            connectTimeoutMs = Blocking.Millis(ConnectTimeout);
        }

        internal static byte Flag(bool value) { return value ? (byte)1 : (byte)0; }
    }
}
