import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What the Java benchmark programs share, as bench/c/common.c does for C:
 * the command line, the JSON object printed at the end, latency quantiles
 * and the exit statuses of bench/README.md.
 */
final class Bench {
    static final int EXIT_DONE = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;
    static final int EXIT_SHORT = 3;

    private Bench() {}

    /** Parsed options: "--name" to its value ("" for a flag). */
    static final class Options {
        private final String program;
        private final String usage;
        private final Map<String, String> values = new LinkedHashMap<>();

        /**
         * Parses {@code args}; {@code known} lists each option as "--name" (takes
         * a value) or "--name!" (a flag). Prints the usage and exits 2 on a mistake.
         */
        Options(String program, String usage, String[] args, String... known) {
            this.program = program;
            this.usage = usage;
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("--help") || args[i].equals("-h")) {
                    System.err.print(usage);
                    System.exit(EXIT_USAGE);
                }
                String option = null;
                boolean flag = false;
                for (String k : known) {
                    if (k.equals(args[i]) || k.equals(args[i] + "!")) {
                        option = args[i];
                        flag = k.endsWith("!");
                    }
                }
                if (option == null) {
                    usageError("unknown argument " + args[i]);
                }
                if (flag) {
                    values.put(option, "");
                } else if (i + 1 >= args.length) {
                    usageError(option + " needs a value");
                } else {
                    values.put(option, args[++i]);
                }
            }
        }

        /** Prints "PROGRAM: PROBLEM" and the usage on stderr, then exits 2. */
        void usageError(String problem) {
            System.err.print(program + ": " + problem + "\n" + usage);
            System.exit(EXIT_USAGE);
        }

        String string(String name, String otherwise) {
            return values.getOrDefault(name, otherwise);
        }

        boolean flag(String name) {
            return values.containsKey(name);
        }

        /** The number given for {@code name} (from min to max), or {@code otherwise}. */
        long number(String name, long otherwise, long min, long max) {
            String text = values.get(name);
            if (text == null) {
                return otherwise;
            }
            try {
                long value = Long.parseLong(text);
                if (value >= min && value <= max) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            usageError(name + ": " + text + " is not a number from " + min + " to " + max);
            return otherwise;
        }
    }

    /** The JSON object printed at the end, on one line. */
    static final class Json {
        private final StringBuilder out = new StringBuilder("{");

        private Json name(String name) {
            if (out.length() > 1) {
                out.append(", ");
            }
            out.append('"').append(name).append("\": ");
            return this;
        }

        Json integer(String name, long value) {
            name(name).out.append(value);
            return this;
        }

        /** A number with {@code decimals} digits after the point (null when not finite). */
        Json number(String name, double value, int decimals) {
            name(name).out.append(format(value, decimals));
            return this;
        }

        /** The latency members: p50_us, p99_us, p999_us, max_us and 201 quantiles_us. */
        Json latencies(long[] ns, int count) {
            long[] sorted = Arrays.copyOf(ns, count);
            Arrays.sort(sorted);
            number("p50_us", count > 0 ? quantileUs(sorted, 50, 100) : Double.NaN, 3);
            number("p99_us", count > 0 ? quantileUs(sorted, 99, 100) : Double.NaN, 3);
            number("p999_us", count > 0 ? quantileUs(sorted, 999, 1000) : Double.NaN, 3);
            number("max_us", count > 0 ? quantileUs(sorted, 1, 1) : Double.NaN, 3);
            name("quantiles_us").out.append('[');
            for (int i = 0; count > 0 && i <= 200; i++) {
                out.append(i > 0 ? ", " : "").append(format(quantileUs(sorted, i, 200), 3));
            }
            out.append(']');
            return this;
        }

        /** Prints the object and its newline, flushed. */
        void print() {
            System.out.print(out.append("}\n"));
            System.out.flush();
        }

        private static String format(double value, int decimals) {
            return Double.isFinite(value) ? String.format(Locale.ROOT, "%." + decimals + "f", value) : "null";
        }
    }

    /** The value at nearest rank ceil(num/den * n) of {@code sorted}, in µs. */
    static double quantileUs(long[] sorted, long num, long den) {
        long n = sorted.length;
        long rank = Math.max(1, Math.min(n, (num * n + den - 1) / den));
        return sorted[(int) (rank - 1)] / 1000.0;
    }

    /** Prints "ready" and flushes it. */
    static void ready() {
        System.out.print("ready\n");
        System.out.flush();
    }
}
