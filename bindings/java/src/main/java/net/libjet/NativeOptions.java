package net.libjet;

import java.util.Arrays;

import static net.libjet.Utf8.cstring;

/**
 * The values of an options builder as the JNI glue reads them: strings
 * (null: not set) and numbers (-1: libjet's default), each by index.
 */
final class NativeOptions {
    private final String[] strings;
    private final long[] numbers;

    NativeOptions(int stringCount, int numberCount) {
        strings = new String[stringCount];
        numbers = new long[numberCount];
        Arrays.fill(numbers, -1);
    }

    private NativeOptions(NativeOptions other) {
        strings = other.strings.clone();
        numbers = other.numbers.clone();
    }

    /** An independent copy (what build() keeps). */
    NativeOptions copy() {
        return new NativeOptions(this);
    }

    void string(int index, String value) {
        strings[index] = value;
    }

    String string(int index) {
        return strings[index];
    }

    /** Sets a number after checking it is from 0 to {@code max}. */
    void number(int index, long value, long max, String name) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(name + " must be from 0 to " + max + ", not " + value);
        }
        numbers[index] = value;
    }

    /** The strings as NUL-terminated UTF-8. */
    byte[][] cstrings() {
        byte[][] bytes = new byte[strings.length][];
        for (int i = 0; i < strings.length; i++) {
            bytes[i] = cstring(strings[i]);
        }
        return bytes;
    }

    long[] numbers() {
        return numbers.clone();
    }

    /**
     * What the options builders share: the values and their setters.
     *
     * @param <B> the concrete builder, returned by each setter
     */
    abstract static class Builder<B extends Builder<B>> {
        final NativeOptions values;

        Builder(int stringCount, int numberCount) {
            values = new NativeOptions(stringCount, numberCount);
        }

        /** This builder, as its own type. */
        abstract B self();

        B number(int index, long value, long max, String name) {
            values.number(index, value, max, name);
            return self();
        }

        B string(int index, String value) {
            values.string(index, value);
            return self();
        }
    }
}
