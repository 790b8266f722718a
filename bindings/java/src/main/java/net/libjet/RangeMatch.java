package net.libjet;

/**
 * A numeric match condition: a number "22", a range "1024-65535", or for
 * protocols a name ("icmp", "tcp"), optionally negated. libjet checks it.
 */
public final class RangeMatch {
    private final String range;
    private final boolean except;

    private RangeMatch(String range, boolean except) {
        this.range = range;
        this.except = except;
    }

    /** Matches {@code range}: "22", "1024-65535" or a protocol name. */
    public static RangeMatch of(String range) {
        return new RangeMatch(range, false);
    }

    /** Matches the single value {@code value}. */
    public static RangeMatch of(long value) {
        return new RangeMatch(Long.toString(value), false);
    }

    /** Matches everything outside {@code range}. */
    public static RangeMatch except(String range) {
        return new RangeMatch(range, true);
    }

    /** The JSON form: "22" or {"range": "22", "except": true}. */
    String toJson() {
        return except ? "{\"range\": " + Json.string(range) + ", \"except\": true}" : Json.string(range);
    }
}
