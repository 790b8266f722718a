package net.libjet;

/** A bind direction (JET_DIRECTION_*). Declared in the order of the C constants. */
public enum Direction {
    /** Packets entering the interface. */
    INPUT,
    /** Packets leaving the interface. */
    OUTPUT;

    /** The C value of this constant. */
    public int code() {
        return ordinal() + 1;
    }
}
