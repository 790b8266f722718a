package net.libjet;

/** A JET service (JET_SERVICE_*). Declared in the order of the C constants. */
public enum ServiceKind {
    /** Login. */
    AUTHENTICATION,
    /** Firewall filters, policers and counters. */
    FIREWALL,
    /** Interface addresses. */
    INTERFACES,
    /** Operational commands and configuration. */
    MANAGEMENT;

    /** The C value of this constant. */
    public int code() {
        return ordinal() + 0;
    }
}
