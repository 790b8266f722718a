package net.libjet;

/** Native methods of jni_notification.c: notification sessions. */
final class JniNotification {
    static {
        NativeLoader.ensureLoaded();
    }

    private JniNotification() {}

    static native long open(byte[][] strings, long[] numbers, boolean connect, long cancel);

    static native void connect(long session, long cancel);

    static native long subscribe(long session, byte[] topic, Object target);

    static native long subscribePull(long session, byte[] topic);

    static native void unsubscribe(long session, long id);

    static native void unsubscribeAll(long session);

    /** The next pulled event (owned), or 0 when none came in time. */
    static native long next(long session, int timeoutMs, long cancel);

    static native int state(long session);

    static native void setStateCallback(long session, Object target);

    static native void stats(long session, long[] out);

    static native String clientId(long session);

    static native void close(long session);
}
