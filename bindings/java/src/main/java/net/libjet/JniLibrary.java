package net.libjet;

/** Native methods of jni_library.c. */
final class JniLibrary {
    static {
        NativeLoader.ensureLoaded();
    }

    private JniLibrary() {}

    static native String version();

    static native int abiVersion();

    static native void shutdown();

    static native String statusName(int status);

    static native void setLogCallback(int maxLevel);

    static native void setLogLevel(int maxLevel);
}
