package net.libjet;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A single-rate two-color policer: bandwidth and burst with their units,
 * what happens to packets above the rate, and its scope. Made with
 * {@link #twoColor(String)}; immutable.
 *
 * <pre>{@code
 * Policer p = Policer.twoColor("p1").bandwidth(10, "mbps").burst(100, "kbytes").discard().build();
 * }</pre>
 */
public final class Policer {
    private final String json;

    private Policer(String json) {
        this.json = json;
    }

    /** A builder for policer {@code name}. */
    public static Builder twoColor(String name) {
        return new Builder(name);
    }

    /** The JSON document of the C ABI ({@code jet_firewall_policer_add}). */
    public String toJson() {
        return json;
    }

    /** Builds a {@link Policer}; each method returns the builder. */
    public static final class Builder {
        private final String name;
        private String bandwidth;
        private String burst;
        private String then;
        private PolicerScope scope;

        private Builder(String name) {
            this.name = name;
        }

        private static String amount(long value, String unit) {
            return "{\"value\": " + value + ", \"unit\": " + Json.string(unit) + "}";
        }

        /** The rate: unit "bps", "kbps", "mbps" or "gbps". */
        public Builder bandwidth(long value, String unit) {
            bandwidth = amount(value, unit);
            return this;
        }

        /** The burst size: unit "bytes", "kbytes", "mbytes" or "gbytes". */
        public Builder burst(long value, String unit) {
            burst = amount(value, unit);
            return this;
        }

        /** Discard packets above the rate. */
        public Builder discard() {
            then = Json.string("discard");
            return this;
        }

        /** Mark packets above the rate with loss priority "high", "medium-high", "medium-low" or "low". */
        public Builder lossPriority(String priority) {
            then = "{\"loss-priority\": " + Json.string(priority) + "}";
            return this;
        }

        /** Put packets above the rate in forwarding class {@code name}. */
        public Builder forwardingClass(String name) {
            then = "{\"forwarding-class\": " + Json.string(name) + "}";
            return this;
        }

        /** The scope (default: libjet's, term-specific). */
        public Builder scope(PolicerScope scope) {
            this.scope = scope;
            return this;
        }

        /** The policer; what is missing is reported by libjet when it is used. */
        public Policer build() {
            Map<String, String> twoColor = new LinkedHashMap<>();
            if (bandwidth != null) {
                twoColor.put("bandwidth", bandwidth);
            }
            if (burst != null) {
                twoColor.put("burst", burst);
            }
            if (then != null) {
                twoColor.put("then", then);
            }
            Map<String, String> json = new LinkedHashMap<>();
            json.put("name", Json.string(name));
            json.put("two-color", Json.object(twoColor));
            if (scope != null) {
                json.put("scope", Json.string(scope == PolicerScope.TERM_SPECIFIC ? "term-specific" : "filter-specific"));
            }
            return new Policer(Json.object(json));
        }
    }
}
