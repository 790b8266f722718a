package net.libjet;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a {@link Term} does with a matching packet: at most one terminating
 * action (accept, discard, reject, routing instance; setting one replaces
 * the other) plus count, log, syslog, policer and next-term. Made with
 * {@link #builder()}; immutable.
 */
public final class Actions extends JsonObject {
    /** No action. */
    public static final Actions NONE = builder().build();

    private Actions(Map<String, String> json) {
        super(json);
    }

    /** A builder without actions. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link Actions}; each method returns the builder. */
    public static final class Builder {
        private final Map<String, String> others = new LinkedHashMap<>();
        private String terminatingKey;
        private String terminatingJson;

        private Builder() {}

        private Builder terminating(String key, String valueJson) {
            terminatingKey = key;
            terminatingJson = valueJson;
            return this;
        }

        /** Accept the packet. */
        public Builder accept() { return terminating("accept", "true"); }

        /** Discard the packet silently. */
        public Builder discard() { return terminating("discard", "true"); }

        /** Reject it with {@code reason}, e.g. "port-unreachable", "administratively-prohibited", "tcp-reset". */
        public Builder reject(String reason) { return terminating("reject", Json.string(reason)); }

        /** Send it to routing instance {@code name}. */
        public Builder routingInstance(String name) { return terminating("routing-instance", Json.string(name)); }

        /** Count it in counter {@code counter}. */
        public Builder count(String counter) {
            others.put("count", Json.string(counter));
            return this;
        }

        /** Log it. */
        public Builder log() {
            others.put("log", "true");
            return this;
        }

        /** Send it to syslog. */
        public Builder syslog() {
            others.put("syslog", "true");
            return this;
        }

        /** Police it with policer {@code name}. */
        public Builder policer(String name) {
            others.put("policer", Json.string(name));
            return this;
        }

        /** Go on with the next term. */
        public Builder nextTerm() {
            others.put("next-term", "true");
            return this;
        }

        /** The actions. */
        public Actions build() {
            Map<String, String> json = new LinkedHashMap<>(others);
            if (terminatingKey != null) {
                json.put(terminatingKey, terminatingJson);
            }
            return new Actions(json);
        }
    }
}
