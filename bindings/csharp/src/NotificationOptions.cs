using System;
using LibJet.Native;

namespace LibJet
{
    /// <summary>
    /// Settings of a notification session (jet_notification_options_t). A new
    /// instance holds libjet's defaults; change what you need. Null strings
    /// mean "not set".
    /// </summary>
    public sealed class NotificationOptions : DeviceOptions
    {
        /// <summary>libjet's defaults.</summary>
        public NotificationOptions()
        {
            Jet.EnsureLoaded();
            NotificationOptionsNative d;
            Errors.Check(NativeMethods.jet_notification_options_default(out d));
            Device = Utf8.Read(d.Device);
            Port = d.Port;
            KeepAlive = TimeSpan.FromSeconds(d.KeepaliveS);
            Tls = d.Tls != 0;
            TlsInsecureSkipVerify = d.TlsInsecureSkipVerify != 0;
            ConnectTimeout = TimeSpan.FromMilliseconds(d.ConnectTimeoutMs);
            CleanSession = d.CleanSession != 0;
            Qos = d.Qos;
            QueueCapacity = d.QueueCapacity;
            MaxPacketSize = d.MaxPacketSize;
            ReconnectMin = TimeSpan.FromMilliseconds(d.ReconnectMinMs);
            ReconnectMax = TimeSpan.FromMilliseconds(d.ReconnectMaxMs);
            Overflow = (Overflow)d.Overflow;
        }

        /// <summary>MQTT keepalive (whole seconds). Default 60 s; zero turns it off.</summary>
        public TimeSpan KeepAlive { get; set; }
        /// <summary>Source address of the connection.</summary>
        public string BindAddress { get; set; }
        /// <summary>Connect with TLS. Default false.</summary>
        public bool Tls { get; set; }
        /// <summary>Start a clean MQTT session (default); false keeps the broker-side session (needs ClientId).</summary>
        public bool CleanSession { get; set; }
        /// <summary>QoS of subscriptions: 0 (default) or 1.</summary>
        public byte Qos { get; set; }
        /// <summary>Events waiting per queue before they are dropped and counted. Default 65536.</summary>
        public uint QueueCapacity { get; set; }
        /// <summary>Largest MQTT packet accepted, in bytes.</summary>
        public uint MaxPacketSize { get; set; }
        /// <summary>First reconnect delay; it doubles up to ReconnectMax.</summary>
        public TimeSpan ReconnectMin { get; set; }
        /// <summary>Longest reconnect delay.</summary>
        public TimeSpan ReconnectMax { get; set; }
        /// <summary>What happens when a queue is full.</summary>
        public Overflow Overflow { get; set; }

        /// <summary>
        /// Runs the handlers of <see cref="Notifications.Subscribe"/> on libjet's
        /// network thread, as each read's events are decoded, instead of on a
        /// dispatcher thread. Default false. It saves one thread wake-up per
        /// event, most of a live event's delivery time. In exchange a handler
        /// must not block: while it runs the session reads nothing and sends
        /// no keepalive, so a handler slower than the keepalive costs a
        /// reconnect (nothing is lost with Qos 1 and CleanSession false).
        /// Calls that block, made from it (Subscribe, SubscribePull, Next,
        /// Connect, service calls, Jet.Shutdown), throw a
        /// <see cref="JetException"/> whose Status is
        /// <see cref="LibJet.Status.WouldDeadlock"/>; disposing a subscription or
        /// the session returns at once. StateChanged stays on the dispatcher
        /// thread, so it may run at the same time as an event handler; pull
        /// subscriptions are queued as always. Applied when the session is
        /// made, before it connects (not a field of the C struct: libjet's
        /// jet_notification_set_inline_callbacks).
        /// </summary>
        public bool InlineCallbacks { get; set; }

        /// <summary>The C struct, its strings copied into `strings`.</summary>
        internal NotificationOptionsNative ToNative(NativeStrings strings)
        {
            NotificationOptionsNative n;
            Errors.Check(NativeMethods.jet_notification_options_default(out n));
            n.KeepaliveS = (uint)KeepAlive.TotalSeconds;
            n.BindAddress = strings.Add(BindAddress);
            n.Tls = Flag(Tls);
            n.CleanSession = Flag(CleanSession);
            n.Qos = Qos;
            n.QueueCapacity = QueueCapacity;
            n.MaxPacketSize = MaxPacketSize;
            n.ReconnectMinMs = Blocking.Millis(ReconnectMin);
            n.ReconnectMaxMs = Blocking.Millis(ReconnectMax);
            n.Overflow = (byte)Overflow;
            Fill(strings, out n.Device, out n.Port, out n.User, out n.Password, out n.ClientId,
                out n.TlsCaFile, out n.TlsCertFile, out n.TlsKeyFile, out n.TlsServerName, out n.TlsInsecureSkipVerify, out n.ConnectTimeoutMs);
            return n;
        }
    }
}
