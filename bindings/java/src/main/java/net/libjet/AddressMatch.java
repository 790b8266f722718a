package net.libjet;

/** An address match condition: a prefix ("192.0.2.0/24", "2001:db8::/32", or an address), optionally negated. */
public final class AddressMatch {
    private final String prefix;
    private final boolean except;

    private AddressMatch(String prefix, boolean except) {
        this.prefix = prefix;
        this.except = except;
    }

    /** Matches addresses inside {@code prefix}. */
    public static AddressMatch of(String prefix) {
        return new AddressMatch(prefix, false);
    }

    /** Matches addresses outside {@code prefix}. */
    public static AddressMatch except(String prefix) {
        return new AddressMatch(prefix, true);
    }

    /** The JSON form: "192.0.2.0/24" or {"prefix": "...", "except": true}. */
    String toJson() {
        return except ? "{\"prefix\": " + Json.string(prefix) + ", \"except\": true}" : Json.string(prefix);
    }
}
