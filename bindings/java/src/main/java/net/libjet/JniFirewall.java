package net.libjet;

/** Native methods of jni_firewall.c: filters, policers, counters, purge timer. */
final class JniFirewall {
    static {
        NativeLoader.ensureLoaded();
    }

    private JniFirewall() {}

    /** 0 filter add, 1 filter replace, 2 policer add, 3 policer modify. */
    static native void document(long session, int which, byte[] json, int timeoutMs, long cancel);

    static native void filterModify(long session, byte[] name, int family, byte[] changes, int timeoutMs, long cancel);

    static native void filterDelete(long session, byte[] name, int family, int timeoutMs, long cancel);

    static native void binding(long session, boolean bind, byte[] name, int family, byte[] interfaceName, int direction, int timeoutMs, long cancel);

    static native void policerDelete(long session, byte[] name, int scope, int timeoutMs, long cancel);

    static native void counterGet(long session, boolean policer, byte[] filter, byte[] counter, int timeoutMs, long cancel, long[] out);

    static native void counterClear(long session, byte[] filter, byte[] counter, int timeoutMs, long cancel);

    static native String countersGet(long session, byte[] filter, int timeoutMs, long cancel);

    /** 0 set, 1 get (returned), 2 delete. */
    static native int purgeTimer(long session, int action, int seconds, int timeoutMs, long cancel);
}
