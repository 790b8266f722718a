namespace LibJet
{
    /// <summary>The result of a libjet call (jet_status_t): 0 is OK, negative is an error.</summary>
    public enum Status
    {
        /// <summary>Success.</summary>
        Ok = 0,
        /// <summary>No event arrived within the timeout.</summary>
        NoEvent = 1,
        /// <summary>An argument was refused: malformed, out of range or too long.</summary>
        InvalidArgument = -1,
        /// <summary>A required argument was missing.</summary>
        NullArgument = -2,
        /// <summary>A string argument was not valid UTF-8.</summary>
        InvalidUtf8 = -3,
        /// <summary>The device could not be reached.</summary>
        Unreachable = -10,
        /// <summary>The device refused the credentials or this client.</summary>
        NotAuthorized = -11,
        /// <summary>The operation did not finish in time.</summary>
        Timeout = -12,
        /// <summary>TLS failed: handshake, certificate verification or loading files.</summary>
        Tls = -13,
        /// <summary>The session is closed.</summary>
        Closed = -14,
        /// <summary>The peer broke the protocol.</summary>
        Protocol = -15,
        /// <summary>The call would deadlock on this thread (e.g. Jet.Shutdown from a callback).</summary>
        WouldDeadlock = -16,
        /// <summary>An input/output error.</summary>
        Io = -17,
        /// <summary>The thing asked for does not exist.</summary>
        NotFound = -18,
        /// <summary>The thing asked for exists but has another type.</summary>
        WrongType = -19,
        /// <summary>The event is not a valid JET event.</summary>
        ParseError = -20,
        /// <summary>The device refused the request (see DeviceCode).</summary>
        Refused = -21,
        /// <summary>The device does not serve this service or call.</summary>
        Unimplemented = -22,
        /// <summary>The thing already exists on the device.</summary>
        AlreadyExists = -23,
        /// <summary>The call was cancelled.</summary>
        Cancelled = -24,
        /// <summary>An unexpected internal error.</summary>
        Internal = -98,
        /// <summary>libjet caught a panic.</summary>
        Panic = -99,
    }
}
