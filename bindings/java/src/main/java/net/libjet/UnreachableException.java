package net.libjet;

/** The device could not be reached (UNREACHABLE). */
public class UnreachableException extends JetException {
    private static final long serialVersionUID = 1L;

    /**
     * Makes an exception; see {@link JetException#JetException(Status, String, int, int)}.
     *
     * @param status the libjet status
     * @param message libjet's message
     * @param grpcCode the gRPC status code, or -1
     * @param deviceCode the device's own code, or -1
     */
    public UnreachableException(Status status, String message, int grpcCode, int deviceCode) {
        super(status, message, grpcCode, deviceCode);
    }
}
