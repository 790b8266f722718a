package net.libjet;

/** A policer scope (JET_POLICER_*). Declared in the order of the C constants. */
public enum PolicerScope {
    /** An instance per term that names the policer (the Junos default). */
    TERM_SPECIFIC,
    /** One instance for the whole filter. */
    FILTER_SPECIFIC;

    /** The C value of this constant. */
    public int code() {
        return ordinal() + 0;
    }
}
