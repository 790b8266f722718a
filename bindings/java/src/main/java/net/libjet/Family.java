package net.libjet;

/** An address family (JET_FAMILY_*). Declared in the order of the C constants. */
public enum Family {
    /** IPv4 (family inet). */
    INET,
    /** IPv6 (family inet6). */
    INET6;

    /** The C value of this constant. */
    public int code() {
        return ordinal() + 1;
    }
}
