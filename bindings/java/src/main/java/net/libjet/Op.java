package net.libjet;

/** A topic operation (JET_OP_*). Declared in the order of the C constants. */
public enum Op {
    /** Object added. */
    ADD,
    /** Object changed. */
    CHANGE,
    /** Object deleted. */
    DELETE,
    /** Any operation. */
    ALL;

    /** The C value of this constant. */
    public int code() {
        return ordinal() + 0;
    }
}
