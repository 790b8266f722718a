using System;
using System.Runtime.InteropServices;

namespace LibJet.Native
{
    /// <summary>A libjet handle released by one native function; NULL is invalid.</summary>
    internal abstract class JetHandle : SafeHandle
    {
        protected JetHandle() : base(IntPtr.Zero, true) { }

        /// <summary>True for NULL (and after release).</summary>
        public override bool IsInvalid { get { return handle == IntPtr.Zero; } }
    }

    /// <summary>A jet_notification_t, closed with jet_notification_close.</summary>
    internal sealed class NotificationHandle : JetHandle
    {
        protected override bool ReleaseHandle() { NativeMethods.jet_notification_close(handle); return true; }
    }

    /// <summary>A jet_service_t, closed with jet_service_close.</summary>
    internal sealed class ServiceHandle : JetHandle
    {
        protected override bool ReleaseHandle() { NativeMethods.jet_service_close(handle); return true; }
    }

    /// <summary>An owned jet_event_t, freed with jet_event_free.</summary>
    internal sealed class EventHandle : JetHandle
    {
        protected override bool ReleaseHandle() { NativeMethods.jet_event_free(handle); return true; }
    }

    /// <summary>A jet_cancel_t, freed with jet_cancel_free.</summary>
    internal sealed class CancelHandle : JetHandle
    {
        protected override bool ReleaseHandle() { NativeMethods.jet_cancel_free(handle); return true; }
    }
}
