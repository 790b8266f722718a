package net.libjet;

/** Native methods of jni_event.c: reading a jet_event_t. */
final class JniEvent {
    static {
        NativeLoader.ensureLoaded();
    }

    private JniEvent() {}

    /** Header field {@code which}: see Event's constants. */
    static native String header(long event, int which);

    static native boolean isParsed(long event);

    static native long processId(long event);

    static native byte[] raw(long event);

    static native int attrCount(long event);

    static native String attrName(long event, int index);

    /** 0: a string attribute; 1: any attribute as JSON. */
    static native String attrText(long event, byte[] name, int which);

    static native long attrInt(long event, byte[] name);

    static native int attrArrayLength(long event, byte[] name);

    static native String attrArrayString(long event, byte[] name, int index);

    static native long copy(long event);

    static native void free(long event);
}
