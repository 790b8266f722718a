package net.libjet;

import java.util.List;
import java.util.Map;

/** Writes the JSON documents of the C ABI (the firewall model's toJson). */
final class Json {
    private Json() {}

    /** A JSON string literal. */
    static String string(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                default:
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        return out.append('"').toString();
    }

    /** An object of members whose values are JSON texts, in the map's order. */
    static String object(Map<String, String> members) {
        StringBuilder out = new StringBuilder("{");
        for (Map.Entry<String, String> member : members.entrySet()) {
            if (out.length() > 1) {
                out.append(", ");
            }
            out.append(string(member.getKey())).append(": ").append(member.getValue());
        }
        return out.append('}').toString();
    }

    /** An array of JSON texts. */
    static String array(List<String> items) {
        return "[" + String.join(", ", items) + "]";
    }
}
