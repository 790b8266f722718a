using System;
using System.Runtime.InteropServices;
using System.Threading;

namespace LibJet.Native
{
    /// <summary>
    /// Something a native callback's user_data points at (through a GCHandle);
    /// told once when libjet frees the user data.
    /// </summary>
    internal abstract class CallbackTarget
    {
        private int releases;

        /// <summary>How many times libjet released it (exactly once, after its last call).</summary>
        internal int Releases { get { return Volatile.Read(ref releases); } }

        /// <summary>Set once the user data was released.</summary>
        internal readonly ManualResetEventSlim Released = new ManualResetEventSlim(false);

        internal void OnReleased()
        {
            Interlocked.Increment(ref releases);
            Released.Set();
        }
    }

    /// <summary>
    /// The static trampolines libjet calls (static readonly delegates: never
    /// collected) and the GCHandle user data they decode. No exception
    /// leaves them: a throwing handler is caught and logged.
    /// </summary>
    internal static class Callbacks
    {
        internal static readonly NativeMethods.EventCallback Event = OnEvent;
        internal static readonly NativeMethods.StateCallback State = OnState;
        internal static readonly NativeMethods.ServiceStateCallback ServiceState = OnServiceState;
        internal static readonly NativeMethods.FreeCallback Free = OnFree;

        /// <summary>A GCHandle to `target`, as user_data; freed by <see cref="Free"/>.</summary>
        internal static IntPtr UserData(CallbackTarget target)
        {
            return GCHandle.ToIntPtr(GCHandle.Alloc(target));
        }

        private static void OnEvent(IntPtr evt, IntPtr userData)
        {
            try
            {
                var target = (EventTarget)GCHandle.FromIntPtr(userData).Target;
                target.Deliver(evt);
            }
            catch (Exception e)
            {
                Jet.Report(LogLevel.Error, "an event callback threw: " + e);
            }
        }

        private static void OnState(int state, IntPtr userData)
        {
            try
            {
                var target = (StateTarget)GCHandle.FromIntPtr(userData).Target;
                target.Deliver((ConnectionState)state);
            }
            catch (Exception e)
            {
                Jet.Report(LogLevel.Error, "a StateChanged handler threw: " + e);
            }
        }

        private static void OnServiceState(IntPtr report, IntPtr userData)
        {
            try
            {
                var target = (StateReportTarget)GCHandle.FromIntPtr(userData).Target;
                target.Deliver(StateReport.Copy(report));
            }
            catch (Exception e)
            {
                Jet.Report(LogLevel.Error, "a StateReported handler threw: " + e);
            }
        }

        private static void OnFree(IntPtr userData)
        {
            try
            {
                GCHandle handle = GCHandle.FromIntPtr(userData);
                var target = (CallbackTarget)handle.Target;
                handle.Free();
                target.OnReleased();
            }
            catch (Exception e)
            {
                Jet.Report(LogLevel.Error, "releasing callback data failed: " + e);
            }
        }
    }

    /// <summary>A subscription's handler, reached from libjet's dispatcher thread.</summary>
    internal sealed class EventTarget : CallbackTarget
    {
        private readonly Action<Event> handler;

        internal EventTarget(Action<Event> handler) { this.handler = handler; }

        /// <summary>Calls the handler with a borrowed event, valid for the call only.</summary>
        internal void Deliver(IntPtr evt)
        {
            var wrapped = new Event(evt);
            try { handler(wrapped); }
            finally { wrapped.Invalidate(); }
        }
    }

    /// <summary>A session's StateChanged handlers; holds no reference to the session, so a forgotten session can be collected.</summary>
    internal sealed class StateTarget : CallbackTarget
    {
        internal volatile Action<ConnectionState> Handlers;

        internal void Deliver(ConnectionState state)
        {
            Action<ConnectionState> handlers = Handlers;
            if (handlers != null) handlers(state);
        }
    }

    /// <summary>A service session's StateReported handlers; holds no reference to the session.</summary>
    internal sealed class StateReportTarget : CallbackTarget
    {
        internal volatile Action<StateReport> Handlers;

        internal void Deliver(StateReport report)
        {
            Action<StateReport> handlers = Handlers;
            if (handlers != null) handlers(report);
        }
    }
}
