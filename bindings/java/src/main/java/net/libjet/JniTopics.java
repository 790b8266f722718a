package net.libjet;

/** Native methods of jni_topics.c: the jet_topic_* builders. */
final class JniTopics {
    static {
        NativeLoader.ensureLoaded();
    }

    private JniTopics() {}

    static native String ifd(int op, byte[] ifd);

    static native String ifl(int op, byte[] ifd, long subUnit);

    static native String iff(int op, byte[] ifd, long subUnit, byte[] family);

    static native String ifa(int op, byte[] ifd, long subUnit, byte[] family, byte[] address);

    static native String firewallFilter(int op, byte[] filter);

    static native String route(int op, byte[] family, byte[] address, int prefixLength);

    static native String routeTable(int op, byte[] table, byte[] logicalRouter);

    static native String syslog(byte[] eventId);

    /** 0 all events, 1 all kernel events, 2 configuration updates. */
    static native String fixed(int which);

    static native void validate(byte[] filter);

    static native boolean matches(byte[] filter, byte[] topic);
}
