using System;
using LibJet.Native;

namespace LibJet
{
    /// <summary>
    /// Settings of a service session (jet_service_options_t). A new instance
    /// holds libjet's defaults: TLS, verified, port 32767.
    /// </summary>
    public sealed class ServiceOptions : DeviceOptions
    {
        /// <summary>libjet's defaults.</summary>
        public ServiceOptions()
        {
            Jet.EnsureLoaded();
            ServiceOptionsNative d;
            Errors.Check(NativeMethods.jet_service_options_default(out d));
            Device = Utf8.Read(d.Device);
            Port = d.Port;
            Api = (Api)d.Api;
            ClearText = d.ClearText != 0;
            TlsInsecureSkipVerify = d.TlsInsecureSkipVerify != 0;
            ConnectTimeout = TimeSpan.FromMilliseconds(d.ConnectTimeoutMs);
            CallTimeout = TimeSpan.FromMilliseconds(d.CallTimeoutMs);
            State = (StateMode)d.State;
        }

        /// <summary>IDL generation. Default Auto.</summary>
        public Api Api { get; set; }
        /// <summary>Connect without TLS (must be asked for). Default false.</summary>
        public bool ClearText { get; set; }
        /// <summary>Deadline of each call given no timeout. Default 30 s.</summary>
        public TimeSpan CallTimeout { get; set; }
        /// <summary>What the session does about the JET state it created after a reconnect (reports: Service.StateReported). Default Off.</summary>
        public StateMode State { get; set; }

        /// <summary>The C struct, its strings copied into `strings`.</summary>
        internal ServiceOptionsNative ToNative(NativeStrings strings)
        {
            ServiceOptionsNative n;
            Errors.Check(NativeMethods.jet_service_options_default(out n));
            n.Api = (int)Api;
            n.ClearText = Flag(ClearText);
            n.CallTimeoutMs = Blocking.Millis(CallTimeout);
            n.State = (int)State;
            Fill(strings, out n.Device, out n.Port, out n.User, out n.Password, out n.ClientId,
                out n.TlsCaFile, out n.TlsCertFile, out n.TlsKeyFile, out n.TlsServerName, out n.TlsInsecureSkipVerify, out n.ConnectTimeoutMs);
            return n;
        }
    }
}
