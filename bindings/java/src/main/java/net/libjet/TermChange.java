package net.libjet;

import java.util.ArrayList;
import java.util.List;

/**
 * One change of {@link Firewall#filterModify}: add a term (at the end, or
 * before or after another), delete a term, or replace a term in place.
 */
public final class TermChange {
    private final String json;

    private TermChange(String op, String termJson, String adjacencyJson) {
        String text = "{\"op\": " + Json.string(op) + ", \"term\": " + termJson;
        if (adjacencyJson != null) {
            text += ", \"adjacency\": " + adjacencyJson;
        }
        this.json = text + "}";
    }

    /** Adds {@code term} at the end. */
    public static TermChange add(Term term) {
        return new TermChange("add", term.toJson(), null);
    }

    /** Adds {@code term} right after term {@code after}. */
    public static TermChange addAfter(Term term, String after) {
        return new TermChange("add", term.toJson(), "{\"after\": " + Json.string(after) + "}");
    }

    /** Adds {@code term} right before term {@code before}. */
    public static TermChange addBefore(Term term, String before) {
        return new TermChange("add", term.toJson(), "{\"before\": " + Json.string(before) + "}");
    }

    /** Deletes term {@code name}. */
    public static TermChange delete(String name) {
        return new TermChange("delete", Term.nameOnlyJson(name), null);
    }

    /** Replaces the term of the same name with {@code term}. */
    public static TermChange replace(Term term) {
        return new TermChange("replace", term.toJson(), null);
    }

    /** The JSON object of the C ABI. */
    public String toJson() {
        return json;
    }

    /** The JSON list of {@code changes}. */
    static String toJson(List<TermChange> changes) {
        List<String> items = new ArrayList<>();
        for (TermChange change : changes) {
            items.add(change.json);
        }
        return Json.array(items);
    }
}
