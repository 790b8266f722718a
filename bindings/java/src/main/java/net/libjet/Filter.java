package net.libjet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A firewall filter: a name, a family and terms in order. Immutable; it
 * serializes to the C ABI's JSON with {@link #toJson()}.
 *
 * <pre>{@code
 * Filter filter = Filter.of("jet-demo-icmp", Family.INET,
 *     Term.of("t1", Matches.builder().protocols("icmp").build(), Actions.builder().count("icmp-count").discard().build()),
 *     Term.of("t2", Actions.builder().accept().build()));
 * }</pre>
 *
 * @param name the filter's name
 * @param family its address family
 * @param terms its terms, in order
 */
public record Filter(String name, Family family, List<Term> terms) {
    /** Checks that every part is given and copies the terms. */
    public Filter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(family, "family");
        terms = List.copyOf(terms);
    }

    /** A filter of {@code terms}. */
    public static Filter of(String name, Family family, Term... terms) {
        return new Filter(name, family, List.of(terms));
    }

    /** The JSON document of the C ABI ({@code jet_firewall_filter_add}). */
    public String toJson() {
        List<String> items = new ArrayList<>();
        for (Term term : terms) {
            items.add(term.toJson());
        }
        Map<String, String> json = new LinkedHashMap<>();
        json.put("name", Json.string(name));
        json.put("family", Json.string(family == Family.INET ? "inet" : "inet6"));
        json.put("terms", Json.array(items));
        return Json.object(json);
    }
}
