package net.libjet;

/** The generation a service is spoken in (JET_GENERATION_*). Declared in the order of the C constants. */
public enum Generation {
    /** Not known yet (auto mode, before the service's first call). */
    UNKNOWN,
    /** The jnx.jet.* IDL. */
    JNX,
    /** The legacy IDL. */
    LEGACY;

    /** The C value of this constant. */
    public int code() {
        return ordinal() + 0;
    }

    /** The constant with C value {@code code}. */
    static Generation of(int code) {
        return values()[code - 0];
    }
}
