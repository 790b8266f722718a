using System;
using System.Threading;

namespace LibJet.Native
{
    /// <summary>
    /// Runs one blocking libjet call under a CancellationToken: a jet_cancel_t
    /// is attached to this thread for the call and triggered by the token.
    /// Attach, call and detach run on the same thread.
    /// </summary>
    internal static class Blocking
    {
        /// <summary>Runs `call` (which returns a jet status) and throws for a failing status.</summary>
        internal static int Run(CancellationToken token, Func<int> call)
        {
            if (!token.CanBeCanceled) return Errors.Check(call());
            token.ThrowIfCancellationRequested();
            CancelHandle cancel;
            Errors.Check(NativeMethods.jet_cancel_new(out cancel));
            using (cancel)
            {
                Errors.Check(NativeMethods.jet_cancel_attach(cancel));
                int status;
                try
                {
                    using (token.Register(Trigger, cancel)) status = call();
                }
                finally
                {
                    NativeMethods.jet_cancel_detach();
                }
                if (status == (int)Status.Cancelled)
                    throw new OperationCanceledException("libjet call cancelled", Errors.FromLastError(status), token);
                return Errors.Check(status);
            }
        }

        private static readonly Action<object> Trigger = state => NativeMethods.jet_cancel_trigger((CancelHandle)state);

        /// <summary>A TimeSpan as libjet's timeout_ms (0: the session's default; capped at uint.MaxValue).</summary>
        internal static uint Millis(TimeSpan timeout)
        {
            if (timeout <= TimeSpan.Zero) return 0;
            double ms = Math.Ceiling(timeout.TotalMilliseconds);
            return ms >= uint.MaxValue ? uint.MaxValue : (uint)ms;
        }
    }
}
