package net.libjet;

import java.nio.charset.StandardCharsets;

/** Strings to and from the C ABI: NUL-terminated UTF-8. */
final class Utf8 {
    private Utf8() {}

    /**
     * The UTF-8 bytes of {@code text} followed by a NUL, or null for null.
     *
     * @throws InvalidArgumentException when the text contains a NUL character, which C cannot carry
     */
    static byte[] cstring(String text) {
        if (text == null) {
            return null;
        }
        if (text.indexOf('\0') >= 0) {
            throw new InvalidArgumentException(Status.INVALID_ARGUMENT, "a string passed to libjet contains a NUL character", -1, -1);
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        byte[] terminated = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, terminated, 0, bytes.length);
        return terminated;
    }

    /** Decodes UTF-8 bytes (called by the JNI glue for text modified UTF-8 cannot spell). */
    static String decode(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
