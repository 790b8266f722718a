package net.libjet;

/** The statuses of libjet's C ABI ({@code jet_status_t}). */
public enum Status {
    /** Success. */
    OK(0),
    /** No event arrived within the timeout. */
    NO_EVENT(1),
    /** An argument was refused: malformed, out of range or too long. */
    INVALID_ARGUMENT(-1),
    /** A required argument was null. */
    NULL_ARGUMENT(-2),
    /** A string argument was not valid UTF-8. */
    INVALID_UTF8(-3),
    /** The device could not be reached. */
    UNREACHABLE(-10),
    /** The device refused the credentials or this client. */
    NOT_AUTHORIZED(-11),
    /** The operation did not finish in time. */
    TIMEOUT(-12),
    /** TLS failed. */
    TLS(-13),
    /** The session is closed. */
    CLOSED(-14),
    /** The peer broke the protocol. */
    PROTOCOL(-15),
    /** The call would deadlock on this thread (for example shutdown from a callback). */
    WOULD_DEADLOCK(-16),
    /** An input/output error. */
    IO(-17),
    /** The thing asked for does not exist. */
    NOT_FOUND(-18),
    /** The thing asked for exists but has another type. */
    WRONG_TYPE(-19),
    /** The event is not a valid JET event. */
    PARSE_ERROR(-20),
    /** The device refused the request. */
    REFUSED(-21),
    /** The device does not serve this service or call. */
    UNIMPLEMENTED(-22),
    /** The thing already exists on the device. */
    ALREADY_EXISTS(-23),
    /** The call was cancelled (Thread.interrupt() or a closed session). */
    CANCELLED(-24),
    /** An unexpected internal error. */
    INTERNAL(-98),
    /** libjet caught a panic. */
    PANIC(-99),
    /** A code this binding does not know. */
    UNKNOWN(Integer.MIN_VALUE);

    private final int code;

    Status(int code) {
        this.code = code;
    }

    /** The C value of this status. */
    public int code() {
        return code;
    }

    /** The status with C value {@code code}, or {@link #UNKNOWN}. */
    public static Status of(int code) {
        for (Status status : values()) {
            if (status.code == code) {
                return status;
            }
        }
        return UNKNOWN;
    }
}
