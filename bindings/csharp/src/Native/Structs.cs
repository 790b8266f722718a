using System;
using System.Runtime.InteropServices;

namespace LibJet.Native
{
    /// <summary>jet_notification_options_t, field for field.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct NotificationOptionsNative
    {
        internal uint StructSize;
        internal IntPtr Device;
        internal ushort Port;
        internal IntPtr User;
        internal IntPtr Password;
        internal uint KeepaliveS;
        internal IntPtr BindAddress;
        internal IntPtr ClientId;
        internal byte Tls;
        internal IntPtr TlsCaFile;
        internal IntPtr TlsCertFile;
        internal IntPtr TlsKeyFile;
        internal IntPtr TlsServerName;
        internal byte TlsInsecureSkipVerify;
        internal uint ConnectTimeoutMs;
        internal byte CleanSession;
        internal byte Qos;
        internal uint QueueCapacity;
        internal uint MaxPacketSize;
        internal uint ReconnectMinMs;
        internal uint ReconnectMaxMs;
        internal byte Overflow;
    }

    /// <summary>jet_service_options_t, field for field.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct ServiceOptionsNative
    {
        internal uint StructSize;
        internal IntPtr Device;
        internal ushort Port;
        internal IntPtr User;
        internal IntPtr Password;
        internal IntPtr ClientId;
        internal int Api;
        internal byte ClearText;
        internal IntPtr TlsCaFile;
        internal IntPtr TlsCertFile;
        internal IntPtr TlsKeyFile;
        internal IntPtr TlsServerName;
        internal byte TlsInsecureSkipVerify;
        internal uint ConnectTimeoutMs;
        internal uint CallTimeoutMs;
        internal int State;
    }

    /// <summary>jet_service_state_report_t, field for field: four arrays of C strings, valid for the callback only.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct ServiceStateReportNative
    {
        internal IntPtr Present;
        internal UIntPtr PresentCount;
        internal IntPtr Purged;
        internal UIntPtr PurgedCount;
        internal IntPtr Reapplied;
        internal UIntPtr ReappliedCount;
        internal IntPtr Failed;
        internal UIntPtr FailedCount;
    }

    /// <summary>jet_notification_stats_t.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct NotificationStatsNative
    {
        internal ulong Received;
        internal ulong Delivered;
        internal ulong Dropped;
        internal ulong ParseErrors;
        internal ulong Reconnects;
    }
}
