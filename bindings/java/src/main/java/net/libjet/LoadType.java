package net.libjet;

/** A configuration load mode (JET_LOAD_*; ignored for ConfigFormat.SET). Declared in the order of the C constants. */
public enum LoadType {
    /** load merge. */
    MERGE,
    /** load replace. */
    REPLACE,
    /** load override. */
    OVERRIDE,
    /** load update. */
    UPDATE;

    /** The C value of this constant. */
    public int code() {
        return ordinal() + 0;
    }
}
