import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import net.libjet.Api;
import net.libjet.Family;
import net.libjet.Jet;
import net.libjet.JetException;
import net.libjet.Service;
import net.libjet.ServiceOptions;

/**
 * jet_calls for Java: JET service calls through the Java binding, with
 * bench/c/jet_calls.c's command line and JSON output (bench/README.md,
 * "Service calls").
 *
 * <pre>JetCalls --host H --port P --user U --password W --case counter-get --calls N [--threads T]
 * JetCalls ... --case filter-1000 [--terms N]</pre>
 *
 * counter-get adds a filter with one counter, then T threads sharing one
 * Service read it N times in total, each call timed with System.nanoTime().
 * cpu_us_per_call is the whole JVM's CPU time over the calls (libjet's
 * threads, the JIT and the collector included). The first calls run in the
 * interpreter: with a small --calls the JIT's warm-up shows in p99.
 */
public final class JetCalls {
    private static final String USAGE =
            "usage: jet_calls --host H --port P --user U --password W\n"
            + "                 --case counter-get --calls N [--threads T]\n"
            + "                 --case filter-1000 [--terms N]\n"
            + "Times JET service calls through libjet and prints one JSON object.\n";

    private JetCalls() {}

    /** The JVM's CPU time so far, in seconds. */
    private static double cpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    private static String filterName(String kind) {
        return "bench-" + kind + "-" + ProcessHandle.current().pid();
    }

    /** --case counter-get; returns the exit status. */
    private static int counterGet(Service session, int calls, int threads) throws InterruptedException {
        String filter = filterName("cg");
        session.firewall().filterAdd("{\"name\": \"" + filter + "\", \"family\": \"inet\", \"terms\": [{\"name\": \"t0\", "
                + "\"matches\": {\"protocols\": [\"icmp\"]}, \"actions\": {\"count\": \"c0\", \"accept\": true}}]}");
        long[] latencies = new long[calls];
        long[] errors = new long[threads];
        long[] starts = new long[threads];
        long[] ends = new long[threads];
        List<Thread> workers = new ArrayList<>();
        double cpuBefore = cpuSeconds();
        int offset = 0;
        for (int t = 0; t < threads; t++) {
            int index = t;
            int first = offset;
            int share = calls / threads + (t < calls % threads ? 1 : 0);
            offset += share;
            Thread worker = new Thread(() -> {
                starts[index] = System.nanoTime();
                for (int i = 0; i < share; i++) {
                    long before = System.nanoTime();
                    try {
                        session.firewall().counterGet(filter, "c0");
                    } catch (JetException e) {
                        if (errors[index]++ == 0) {
                            System.err.print("jet_calls: counterGet: " + Jet.statusName(e.status()) + ": " + e.getMessage() + "\n");
                        }
                    }
                    latencies[first + i] = System.nanoTime() - before;
                }
                ends[index] = System.nanoTime();
            });
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        double cpu = cpuSeconds() - cpuBefore;
        session.firewall().filterDelete(filter, Family.INET);
        long errorCount = Arrays.stream(errors).sum();
        double seconds = (Arrays.stream(ends).max().orElse(0) - Arrays.stream(starts).min().orElse(0)) / 1e9;
        Arrays.sort(latencies);
        new Bench.Json().integer("calls", calls).number("seconds", seconds, 6)
                .number("calls_per_s", seconds > 0 ? calls / seconds : 0.0, 1)
                .number("p50_us", Bench.quantileUs(latencies, 50, 100), 3).number("p99_us", Bench.quantileUs(latencies, 99, 100), 3)
                .integer("errors", errorCount).number("cpu_us_per_call", cpu * 1e6 / calls, 2).print();
        return errorCount == 0 ? Bench.EXIT_DONE : Bench.EXIT_FAILED;
    }

    /** --case filter-1000; returns the exit status. */
    private static int bigFilter(Service session, int terms) {
        String filter = filterName("f" + terms);
        StringBuilder json = new StringBuilder("{\"name\": \"" + filter + "\", \"family\": \"inet\", \"terms\": [");
        for (int i = 0; i < terms; i++) {
            json.append(i > 0 ? ", " : "").append("{\"name\": \"t").append(i).append("\", \"matches\": {\"protocols\": [\"tcp\"], ")
                    .append("\"destination-ports\": [").append(i + 1).append("]}, \"actions\": {\"count\": \"c").append(i)
                    .append("\", \"accept\": true}}");
        }
        json.append("]}");
        long t0 = System.nanoTime();
        session.firewall().filterAdd(json.toString());
        long t1 = System.nanoTime();
        String counters = session.firewall().countersGet(filter);
        long t2 = System.nanoTime();
        // Each counter object of libjet's answer has one "name" member.
        int count = counters.split("\"name\"", -1).length - 1;
        session.firewall().filterDelete(filter, Family.INET);
        new Bench.Json().integer("terms", terms).number("add_ms", (t1 - t0) / 1e6, 3).number("counters_ms", (t2 - t1) / 1e6, 3)
                .integer("counters", count).print();
        if (count != terms) {
            System.err.print("jet_calls: " + count + " counters for " + terms + " terms\n");
        }
        return count == terms ? Bench.EXIT_DONE : Bench.EXIT_FAILED;
    }

    /** Entry point. */
    public static void main(String[] args) throws InterruptedException {
        Bench.Options o = new Bench.Options("jet_calls", USAGE, args, "--host", "--port", "--user", "--password", "--case", "--calls",
                "--threads", "--terms");
        String which = o.string("--case", "");
        if (!which.equals("counter-get") && !which.equals("filter-1000")) {
            o.usageError("--case is counter-get or filter-1000");
        }
        int calls = (int) o.number("--calls", 10000, 1, 100_000_000L);
        int threads = (int) o.number("--threads", 1, 1, 1024);
        if (threads > calls) {
            o.usageError("--threads must not exceed --calls");
        }
        int status;
        try (Service session = Service.open(ServiceOptions.builder().device(o.string("--host", "127.0.0.1"))
                .port((int) o.number("--port", 32767, 1, 65535)).user(o.string("--user", null)).password(o.string("--password", null))
                .clearText(true).api(Api.JNX).build())) {
            System.err.print("jet_calls: connected to " + o.string("--host", "127.0.0.1") + ":" + o.string("--port", "32767") + " as "
                    + session.clientId() + "\n");
            status = which.equals("counter-get") ? counterGet(session, calls, threads)
                    : bigFilter(session, (int) o.number("--terms", 1000, 1, 65535));
        } catch (JetException e) {
            System.err.print("jet_calls: " + Jet.statusName(e.status()) + ": " + e.getMessage() + "\n");
            status = Bench.EXIT_FAILED;
        }
        Jet.shutdown();
        System.exit(status);
    }
}
