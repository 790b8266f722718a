package net.libjet;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One term of a {@link Filter}: a name, match conditions and actions.
 *
 * @param name the term's name
 * @param matches its conditions ({@link Matches#ANY}: every packet)
 * @param actions its actions
 */
public record Term(String name, Matches matches, Actions actions) {
    /** Checks that every part is given. */
    public Term {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(matches, "matches");
        Objects.requireNonNull(actions, "actions");
    }

    /** A term. */
    public static Term of(String name, Matches matches, Actions actions) {
        return new Term(name, matches, actions);
    }

    /** A term that matches every packet. */
    public static Term of(String name, Actions actions) {
        return new Term(name, Matches.ANY, actions);
    }

    /** Only the name: what a delete term change needs. */
    static String nameOnlyJson(String name) {
        return "{\"name\": " + Json.string(name) + "}";
    }

    /** The JSON object of the C ABI. */
    String toJson() {
        Map<String, String> json = new LinkedHashMap<>();
        json.put("name", Json.string(name));
        if (!matches.isEmpty()) {
            json.put("matches", matches.toJson());
        }
        if (!actions.isEmpty()) {
            json.put("actions", actions.toJson());
        }
        return Json.object(json);
    }
}
