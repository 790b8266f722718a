package net.libjet;

/** What a notification session does when the application falls behind (JET_OVERFLOW_*). Declared in the order of the C constants. */
public enum Overflow {
    /** Keep reading; drop the newest events and count them (default). */
    DROP,
    /** Stop reading the broker until the application has room. */
    WAIT;

    /** The C value of this constant. */
    public int code() {
        return ordinal() + 0;
    }
}
