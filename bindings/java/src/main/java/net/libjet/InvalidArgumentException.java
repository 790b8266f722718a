package net.libjet;

/** An argument was refused before it reached the device (INVALID_ARGUMENT, NULL_ARGUMENT, INVALID_UTF8). */
public class InvalidArgumentException extends JetException {
    private static final long serialVersionUID = 1L;

    /**
     * Makes an exception; see {@link JetException#JetException(Status, String, int, int)}.
     *
     * @param status the libjet status
     * @param message libjet's message
     * @param grpcCode the gRPC status code, or -1
     * @param deviceCode the device's own code, or -1
     */
    public InvalidArgumentException(Status status, String message, int grpcCode, int deviceCode) {
        super(status, message, grpcCode, deviceCode);
    }
}
