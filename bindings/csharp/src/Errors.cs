using System;
using LibJet.Native;

namespace LibJet
{
    /// <summary>Turns a failing status into the exception for it (on the thread of the call).</summary>
    internal static class Errors
    {
        /// <summary>Throws for a negative status; returns the status otherwise.</summary>
        internal static int Check(int status)
        {
            if (status < 0) throw FromLastError(status);
            return status;
        }

        /// <summary>The exception for `status`, with this thread's last error details.</summary>
        internal static JetException FromLastError(int status)
        {
            string message = Utf8.Read(NativeMethods.jet_last_error_message());
            if (string.IsNullOrEmpty(message)) message = Utf8.Read(NativeMethods.jet_status_str(status));
            int grpc = NativeMethods.jet_last_error_grpc_code();
            int device = NativeMethods.jet_last_error_device_code();
            return Make((Status)status, message, grpc, device);
        }

        private static JetException Make(Status s, string m, int g, int d)
        {
            switch (s)
            {
                case Status.Unreachable: return new UnreachableException(s, m, g, d);
                case Status.Timeout: return new JetTimeoutException(s, m, g, d);
                case Status.NotAuthorized: return new NotAuthorizedException(s, m, g, d);
                case Status.Refused: return new RefusedException(s, m, g, d);
                case Status.NotFound: return new NotFoundException(s, m, g, d);
                case Status.InvalidArgument:
                case Status.NullArgument:
                case Status.InvalidUtf8: return new InvalidArgumentException(s, m, g, d);
                case Status.Cancelled: return new CancelledException(s, m, g, d);
                case Status.Closed: return new ClosedException(s, m, g, d);
                case Status.Tls: return new TlsException(s, m, g, d);
                case Status.AlreadyExists: return new AlreadyExistsException(s, m, g, d);
                case Status.Unimplemented: return new UnimplementedException(s, m, g, d);
                default: return new JetException(s, m, g, d);
            }
        }
    }
}
