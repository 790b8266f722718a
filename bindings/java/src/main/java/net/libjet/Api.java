package net.libjet;

/** The IDL generation a service session speaks (JET_API_*). Declared in the order of the C constants. */
public enum Api {
    /** Find out per service (default). */
    AUTO,
    /** The jnx.jet.* IDL (Junos 19.3 and later, Evolved). */
    JNX,
    /** The legacy IDL (Junos 17.x to 19.2). */
    LEGACY;

    /** The C value of this constant. */
    public int code() {
        return ordinal() + 0;
    }
}
