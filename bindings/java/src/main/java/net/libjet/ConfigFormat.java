package net.libjet;

/** A configuration format (JET_CONFIG_*). Declared in the order of the C constants. */
public enum ConfigFormat {
    /** Curly-brace text. */
    TEXT,
    /** set commands, one per line. */
    SET,
    /** XML. */
    XML,
    /** JSON. */
    JSON;

    /** The C value of this constant. */
    public int code() {
        return ordinal() + 0;
    }
}
