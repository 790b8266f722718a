using System;
using System.Threading;
using LibJet.Native;

namespace LibJet
{
    /// <summary>
    /// One subscription of a notification session. Dispose ends it: on return
    /// its callback is not running (unless disposed from that callback) and
    /// will not run again. Disposing twice, or after the session closed, is safe.
    /// </summary>
    public sealed class Subscription : IDisposable
    {
        private readonly Notifications session;
        private int disposed;

        internal Subscription(Notifications session, ulong id, string topic, EventTarget target)
        {
            this.session = session;
            Id = id;
            Topic = topic;
            Target = target;
        }

        /// <summary>libjet's id of the subscription.</summary>
        public ulong Id { get; private set; }

        /// <summary>The MQTT topic filter subscribed to.</summary>
        public string Topic { get; private set; }

        /// <summary>The callback's user data (null for a pull subscription).</summary>
        internal EventTarget Target { get; private set; }

        /// <summary>Ends the subscription (jet_notification_unsubscribe).</summary>
        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 1) return;
            session.Unsubscribe(Id);
        }

        /// <summary>Same as Dispose.</summary>
        public void Unsubscribe() { Dispose(); }
    }
}
