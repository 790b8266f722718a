package net.libjet;

/**
 * A failed libjet call: the status, libjet's message (unchanged), the gRPC
 * code and the device's own code. Subclasses name the statuses a program
 * would catch; the others are plain JetExceptions.
 */
public class JetException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Status status;
    private final int grpcCode;
    private final int deviceCode;

    /**
     * Makes an exception.
     *
     * @param status the libjet status
     * @param message libjet's message
     * @param grpcCode the gRPC status code, or -1 when the call was not a failed gRPC call
     * @param deviceCode the device's own code, or -1 when it had none
     */
    public JetException(Status status, String message, int grpcCode, int deviceCode) {
        super(message);
        this.status = status;
        this.grpcCode = grpcCode;
        this.deviceCode = deviceCode;
    }

    /** The libjet status of the failure. */
    public Status status() {
        return status;
    }

    /** The gRPC status code (0 OK … 16 UNAUTHENTICATED), or -1 when not a failed gRPC call. */
    public int grpcCode() {
        return grpcCode;
    }

    /** The device's own status or sub-code, or -1 when it had none. */
    public int deviceCode() {
        return deviceCode;
    }

    /** The exception for a failed status (called by the JNI glue with the thread's last error). */
    static JetException fromNative(int code, String message, int grpcCode, int deviceCode) {
        Status status = Status.of(code);
        switch (status) {
            case UNREACHABLE: return new UnreachableException(status, message, grpcCode, deviceCode);
            case TIMEOUT: return new TimeoutException(status, message, grpcCode, deviceCode);
            case NOT_AUTHORIZED: return new NotAuthorizedException(status, message, grpcCode, deviceCode);
            case REFUSED: return new RefusedException(status, message, grpcCode, deviceCode);
            case NOT_FOUND: return new NotFoundException(status, message, grpcCode, deviceCode);
            case INVALID_ARGUMENT:
            case NULL_ARGUMENT:
            case INVALID_UTF8:
                return new InvalidArgumentException(status, message, grpcCode, deviceCode);
            case CANCELLED: return new CancelledException(status, message, grpcCode, deviceCode);
            case CLOSED: return new ClosedException(status, message, grpcCode, deviceCode);
            default: return new JetException(status, message, grpcCode, deviceCode);
        }
    }
}
