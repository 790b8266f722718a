package net.libjet;

/** An output format (JET_OUTPUT_*). Declared in the order of the C constants. */
public enum OutputFormat {
    /** JSON. */
    JSON,
    /** XML. */
    XML,
    /** CLI text. */
    TEXT;

    /** The C value of this constant. */
    public int code() {
        return ordinal() + 0;
    }
}
