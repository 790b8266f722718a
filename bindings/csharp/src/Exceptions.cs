using System;

namespace LibJet
{
    /// <summary>
    /// A failed libjet call: its status, libjet's message unchanged, and the
    /// gRPC and device codes when the device answered. Subclasses name the
    /// statuses a program catches.
    /// </summary>
    public class JetException : Exception
    {
        /// <summary>Makes the exception for a failed call.</summary>
        public JetException(Status status, string message, int grpcCode, int deviceCode)
            : base(message)
        {
            Status = status;
            GrpcCode = grpcCode;
            DeviceCode = deviceCode;
        }

        /// <summary>The status libjet returned.</summary>
        public Status Status { get; private set; }

        /// <summary>The gRPC status code of a failed gRPC call, or -1.</summary>
        public int GrpcCode { get; private set; }

        /// <summary>The device's own status or sub-code, or -1.</summary>
        public int DeviceCode { get; private set; }
    }

    /// <summary>The device could not be reached (JET_STATUS_UNREACHABLE).</summary>
    public class UnreachableException : JetException
    {
        /// <summary>See <see cref="JetException"/>.</summary>
        public UnreachableException(Status s, string m, int g, int d) : base(s, m, g, d) { }
    }

    /// <summary>The operation did not finish in time (JET_STATUS_TIMEOUT).</summary>
    public class JetTimeoutException : JetException
    {
        /// <summary>See <see cref="JetException"/>.</summary>
        public JetTimeoutException(Status s, string m, int g, int d) : base(s, m, g, d) { }
    }

    /// <summary>The device refused the credentials or this client (JET_STATUS_NOT_AUTHORIZED).</summary>
    public class NotAuthorizedException : JetException
    {
        /// <summary>See <see cref="JetException"/>.</summary>
        public NotAuthorizedException(Status s, string m, int g, int d) : base(s, m, g, d) { }
    }

    /// <summary>The device refused the request (JET_STATUS_REFUSED); see DeviceCode.</summary>
    public class RefusedException : JetException
    {
        /// <summary>See <see cref="JetException"/>.</summary>
        public RefusedException(Status s, string m, int g, int d) : base(s, m, g, d) { }
    }

    /// <summary>The thing asked for does not exist (JET_STATUS_NOT_FOUND).</summary>
    public class NotFoundException : JetException
    {
        /// <summary>See <see cref="JetException"/>.</summary>
        public NotFoundException(Status s, string m, int g, int d) : base(s, m, g, d) { }
    }

    /// <summary>An argument was refused before reaching the device (INVALID_ARGUMENT, NULL_ARGUMENT, INVALID_UTF8).</summary>
    public class InvalidArgumentException : JetException
    {
        /// <summary>See <see cref="JetException"/>.</summary>
        public InvalidArgumentException(Status s, string m, int g, int d) : base(s, m, g, d) { }
    }

    /// <summary>The call was cancelled (JET_STATUS_CANCELLED); with a CancellationToken it is the inner exception of an OperationCanceledException.</summary>
    public class CancelledException : JetException
    {
        /// <summary>See <see cref="JetException"/>.</summary>
        public CancelledException(Status s, string m, int g, int d) : base(s, m, g, d) { }
    }

    /// <summary>The session is closed (JET_STATUS_CLOSED).</summary>
    public class ClosedException : JetException
    {
        /// <summary>See <see cref="JetException"/>.</summary>
        public ClosedException(Status s, string m, int g, int d) : base(s, m, g, d) { }
    }

    /// <summary>TLS failed (JET_STATUS_TLS).</summary>
    public class TlsException : JetException
    {
        /// <summary>See <see cref="JetException"/>.</summary>
        public TlsException(Status s, string m, int g, int d) : base(s, m, g, d) { }
    }

    /// <summary>The thing already exists on the device (JET_STATUS_ALREADY_EXISTS).</summary>
    public class AlreadyExistsException : JetException
    {
        /// <summary>See <see cref="JetException"/>.</summary>
        public AlreadyExistsException(Status s, string m, int g, int d) : base(s, m, g, d) { }
    }

    /// <summary>The device does not serve this call (JET_STATUS_UNIMPLEMENTED).</summary>
    public class UnimplementedException : JetException
    {
        /// <summary>See <see cref="JetException"/>.</summary>
        public UnimplementedException(Status s, string m, int g, int d) : base(s, m, g, d) { }
    }
}
