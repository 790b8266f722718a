package net.libjet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The match conditions of a {@link Term}: each list matches if any element
 * does, and every condition given must match. Made with {@link #builder()};
 * immutable. libjet checks the values (ranges, prefixes, names).
 */
public final class Matches extends JsonObject {
    /** No condition: the term matches every packet. */
    public static final Matches ANY = builder().build();

    private Matches(Map<String, String> json) {
        super(json);
    }

    /** A builder without conditions. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link Matches}; each method adds to its condition and returns the builder. */
    public static final class Builder {
        private final Map<String, List<String>> lists = new LinkedHashMap<>();
        private String fragment;

        private Builder() {}

        private Builder add(String key, String itemJson) {
            lists.computeIfAbsent(key, k -> new ArrayList<>()).add(itemJson);
            return this;
        }

        private Builder addresses(String key, AddressMatch[] items) {
            for (AddressMatch item : items) {
                add(key, item.toJson());
            }
            return this;
        }

        private Builder ranges(String key, RangeMatch[] items) {
            for (RangeMatch item : items) {
                add(key, item.toJson());
            }
            return this;
        }

        private Builder ranges(String key, String[] items) {
            for (String item : items) {
                add(key, RangeMatch.of(item).toJson());
            }
            return this;
        }

        /** Source prefixes, e.g. "192.0.2.0/24". */
        public Builder sourceAddresses(String... prefixes) { return addresses("source-addresses", toAddresses(prefixes)); }

        /** Source prefixes, possibly negated. */
        public Builder sourceAddresses(AddressMatch... prefixes) { return addresses("source-addresses", prefixes); }

        /** Destination prefixes. */
        public Builder destinationAddresses(String... prefixes) { return addresses("destination-addresses", toAddresses(prefixes)); }

        /** Destination prefixes, possibly negated. */
        public Builder destinationAddresses(AddressMatch... prefixes) { return addresses("destination-addresses", prefixes); }

        /** Source or destination prefixes. */
        public Builder addresses(String... prefixes) { return addresses("addresses", toAddresses(prefixes)); }

        /** Source or destination prefixes, possibly negated. */
        public Builder addresses(AddressMatch... prefixes) { return addresses("addresses", prefixes); }

        /** Source ports: "22", "1024-65535". */
        public Builder sourcePorts(String... ranges) { return ranges("source-ports", ranges); }

        /** Source ports, possibly negated. */
        public Builder sourcePorts(RangeMatch... ranges) { return ranges("source-ports", ranges); }

        /** Destination ports. */
        public Builder destinationPorts(String... ranges) { return ranges("destination-ports", ranges); }

        /** Destination ports, possibly negated. */
        public Builder destinationPorts(RangeMatch... ranges) { return ranges("destination-ports", ranges); }

        /** Source or destination ports. */
        public Builder ports(String... ranges) { return ranges("ports", ranges); }

        /** Source or destination ports, possibly negated. */
        public Builder ports(RangeMatch... ranges) { return ranges("ports", ranges); }

        /** Protocols by name ("icmp", "tcp") or number or range. */
        public Builder protocols(String... protocols) { return ranges("protocols", protocols); }

        /** Protocols, possibly negated. */
        public Builder protocols(RangeMatch... protocols) { return ranges("protocols", protocols); }

        /** ICMP types. */
        public Builder icmpTypes(String... ranges) { return ranges("icmp-types", ranges); }

        /** ICMP types, possibly negated. */
        public Builder icmpTypes(RangeMatch... ranges) { return ranges("icmp-types", ranges); }

        /** ICMP codes. */
        public Builder icmpCodes(String... ranges) { return ranges("icmp-codes", ranges); }

        /** ICMP codes, possibly negated. */
        public Builder icmpCodes(RangeMatch... ranges) { return ranges("icmp-codes", ranges); }

        /** DSCP values (0-63). */
        public Builder dscp(String... ranges) { return ranges("dscp", ranges); }

        /** DSCP values, possibly negated. */
        public Builder dscp(RangeMatch... ranges) { return ranges("dscp", ranges); }

        /** Packet lengths. */
        public Builder packetLengths(String... ranges) { return ranges("packet-lengths", ranges); }

        /** Packet lengths, possibly negated. */
        public Builder packetLengths(RangeMatch... ranges) { return ranges("packet-lengths", ranges); }

        /** TTLs (inet only). */
        public Builder ttls(String... ranges) { return ranges("ttls", ranges); }

        /** TTLs, possibly negated. */
        public Builder ttls(RangeMatch... ranges) { return ranges("ttls", ranges); }

        /** Fragment condition: "dont-fragment", "is-fragment", "first-fragment", "last-fragment" or "none". */
        public Builder fragment(String fragment) {
            this.fragment = fragment;
            return this;
        }

        /** Logical interfaces, e.g. "ge-0/0/0.0". */
        public Builder interfaces(String... names) {
            for (String name : names) {
                add("interfaces", Json.string(name));
            }
            return this;
        }

        private static AddressMatch[] toAddresses(String[] prefixes) {
            AddressMatch[] items = new AddressMatch[prefixes.length];
            for (int i = 0; i < prefixes.length; i++) {
                items[i] = AddressMatch.of(prefixes[i]);
            }
            return items;
        }

        /** The conditions. */
        public Matches build() {
            Map<String, String> json = new LinkedHashMap<>();
            lists.forEach((key, items) -> json.put(key, Json.array(items)));
            if (fragment != null) {
                json.put("fragment", Json.string(fragment));
            }
            return new Matches(json);
        }
    }
}
