using System.Runtime.InteropServices;

namespace LibJet
{
    /// <summary>A firewall counter's value (jet_counter_t).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Counter
    {
        /// <summary>Bytes counted.</summary>
        public ulong Bytes;
        /// <summary>Packets counted.</summary>
        public ulong Packets;
    }

    /// <summary>Statistics of a notification session.</summary>
    public sealed class NotificationStats
    {
        internal NotificationStats(Native.NotificationStatsNative s)
        {
            Received = s.Received;
            Delivered = s.Delivered;
            Dropped = s.Dropped;
            ParseErrors = s.ParseErrors;
            Reconnects = s.Reconnects;
        }

        /// <summary>Messages received from the broker.</summary>
        public ulong Received { get; private set; }
        /// <summary>Events handed to the application.</summary>
        public ulong Delivered { get; private set; }
        /// <summary>Events dropped because the application was slower than the device.</summary>
        public ulong Dropped { get; private set; }
        /// <summary>Messages that were not valid JET events (still delivered, flagged).</summary>
        public ulong ParseErrors { get; private set; }
        /// <summary>Reconnects after a lost connection.</summary>
        public ulong Reconnects { get; private set; }
    }
}
