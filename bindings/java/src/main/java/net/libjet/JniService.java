package net.libjet;

/** Native methods of jni_service.c: service sessions, interfaces, management. */
final class JniService {
    static {
        NativeLoader.ensureLoaded();
    }

    private JniService() {}

    static native long open(byte[][] strings, long[] numbers, long cancel);

    static native String clientId(long session);

    static native int generation(long session, int service);

    static native void close(long session);

    /** jet_service_set_state_callback with a Service.StateReportTarget (null removes it). */
    static native void setStateCallback(long session, Object target);

    static native void address(long session, boolean add, byte[] ifd, int unit, int family, byte[] address, int timeoutMs, long cancel);

    static native String run(long session, byte[] command, int kind, int format, int timeoutMs, long cancel);

    static native void load(long session, byte[] config, int format, int loadType, byte[] comment, int timeoutMs, long cancel);
}
