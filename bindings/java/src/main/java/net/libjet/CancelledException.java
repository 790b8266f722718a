package net.libjet;

/** The call was cancelled (CANCELLED): its thread was interrupted, or its session closed. */
public class CancelledException extends JetException {
    private static final long serialVersionUID = 1L;

    /**
     * Makes an exception; see {@link JetException#JetException(Status, String, int, int)}.
     *
     * @param status the libjet status
     * @param message libjet's message
     * @param grpcCode the gRPC status code, or -1
     * @param deviceCode the device's own code, or -1
     */
    public CancelledException(Status status, String message, int grpcCode, int deviceCode) {
        super(status, message, grpcCode, deviceCode);
    }
}
