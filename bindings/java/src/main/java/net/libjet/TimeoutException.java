package net.libjet;

/** The call did not finish within its deadline (TIMEOUT). Not java.util.concurrent.TimeoutException. */
public class TimeoutException extends JetException {
    private static final long serialVersionUID = 1L;

    /**
     * Makes an exception; see {@link JetException#JetException(Status, String, int, int)}.
     *
     * @param status the libjet status
     * @param message libjet's message
     * @param grpcCode the gRPC status code, or -1
     * @param deviceCode the device's own code, or -1
     */
    public TimeoutException(Status status, String message, int grpcCode, int deviceCode) {
        super(status, message, grpcCode, deviceCode);
    }
}
