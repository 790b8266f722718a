package net.libjet;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A part of the firewall model that is a JSON object: its members (JSON texts) in schema order, immutable. */
abstract class JsonObject {
    private final Map<String, String> json;

    JsonObject(Map<String, String> json) {
        this.json = Collections.unmodifiableMap(new LinkedHashMap<>(json));
    }

    /** Whether nothing is set. */
    public boolean isEmpty() {
        return json.isEmpty();
    }

    /** The JSON object of the C ABI. */
    String toJson() {
        return Json.object(json);
    }
}
