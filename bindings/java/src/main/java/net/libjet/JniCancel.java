package net.libjet;

/** Native methods of jni_cancel.c: jet_cancel_t tokens. */
final class JniCancel {
    static {
        NativeLoader.ensureLoaded();
    }

    private JniCancel() {}

    static native long create();

    static native void trigger(long cancel);

    static native void free(long cancel);
}
