import java.time.Duration;

import net.libjet.Event;
import net.libjet.Jet;
import net.libjet.JetException;
import net.libjet.NotificationOptions;
import net.libjet.NotificationStats;
import net.libjet.Notifications;
import net.libjet.Overflow;

/**
 * jet_sub for Java: the subscriber of bench/README.md over the Java binding,
 * with bench/c/jet_sub.c's command line and JSON output.
 *
 * <pre>JetSub --host H --port P --topic FILTER --qos 0|1 --count N
 *        [--client-id ID --persistent] [--latency] [--idle-timeout-ms MS]
 *        [--mode callback|pull|inline]</pre>
 *
 * Each message gets the C program's work: Event.id() and the attribute
 * "name" (a missing one counts in check_failures), and with --latency the
 * attribute "sent-ns" first (System.nanoTime() is CLOCK_MONOTONIC on Linux,
 * the publisher's clock). Callback mode: a listener on libjet's thread;
 * inline mode: the same listener on libjet's network thread
 * (NotificationOptions.Builder.inlineCallbacks); pull mode: poll() on the main thread. JIT warm-up: the JVM interprets the
 * first messages and compiles the listener as it goes; as in C, "seconds"
 * runs from the first message, so warm-up is inside the figure (run with a
 * large --count to make it small).
 */
public final class JetSub {
    private static final String USAGE =
            "usage: jet_sub --host H --port P --topic FILTER --qos 0|1 --count N\n"
            + "       [--client-id ID --persistent] [--latency] [--idle-timeout-ms MS] [--mode callback|pull|inline]\n"
            + "Receives N messages and prints one JSON object (bench/README.md).\n";

    private final long count;
    private final boolean latency;
    private final long idleTimeoutMs;
    private final long[] latencies;
    private long checkFailures;
    private long firstNs;
    private volatile long lastNs;
    private volatile long received;

    private JetSub(long count, boolean latency, long idleTimeoutMs) {
        this.count = count;
        this.latency = latency;
        this.idleTimeoutMs = idleTimeoutMs;
        this.latencies = new long[latency ? (int) count : 0];
    }

    /** Counts one delivered event: latency first, then the checks (one thread only). */
    private void handle(Event event) {
        long now = System.nanoTime();
        long n = received;
        if (n >= count) {
            return;
        }
        boolean ok = true;
        if (latency) {
            try {
                latencies[(int) n] = now - event.attrInt("sent-ns");
            } catch (JetException e) {
                ok = false;
            }
        }
        try {
            if (event.id() == null || event.attrString("name") == null) {
                ok = false;
            }
        } catch (JetException e) {
            ok = false;
        }
        if (!ok) {
            checkFailures++;
        }
        if (n == 0) {
            firstNs = now;
        }
        lastNs = now;
        received = n + 1;
        if (n + 1 == count) {
            synchronized (this) {
                notifyAll();
            }
        }
    }

    /** Callback mode: waits until --count is reached or no message came for --idle-timeout-ms. */
    private synchronized void waitCallbacks(long startNs) throws InterruptedException {
        long idleNs = idleTimeoutMs * 1_000_000L;
        while (received < count) {
            long deadline = Math.max(lastNs, startNs) + idleNs;
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                System.err.print("jet_sub: no message for " + idleTimeoutMs + " ms\n");
                return;
            }
            wait(Math.max(1, left / 1_000_000L));
        }
    }

    /** Pull mode: takes events until --count is reached or one wait times out. */
    private void pullEvents(Notifications session) {
        while (received < count) {
            try (Event event = session.poll(Duration.ofMillis(idleTimeoutMs))) {
                if (event == null) {
                    System.err.print("jet_sub: no message for " + idleTimeoutMs + " ms\n");
                    return;
                }
                handle(event);
            }
        }
    }

    private void report(NotificationStats stats) {
        Bench.Json json = new Bench.Json().integer("received", received);
        if (latency) {
            json.latencies(latencies, (int) received);
        } else {
            double seconds = received > 0 ? (lastNs - firstNs) / 1e9 : 0.0;
            json.number("seconds", seconds, 6).number("rate", seconds > 0 ? received / seconds : 0.0, 1);
        }
        json.integer("check_failures", checkFailures).integer("dropped", stats.dropped()).integer("parse_errors", stats.parseErrors()).print();
    }

    /** Entry point. */
    public static void main(String[] args) throws InterruptedException {
        Bench.Options o = new Bench.Options("jet_sub", USAGE, args, "--host", "--port", "--topic", "--qos", "--count", "--client-id",
                "--persistent!", "--latency!", "--idle-timeout-ms", "--mode");
        String topic = o.string("--topic", null);
        long count = o.number("--count", -1, 1, 1_000_000_000L);
        String clientId = o.string("--client-id", null);
        boolean persistent = o.flag("--persistent");
        String mode = o.string("--mode", "callback");
        if (topic == null) {
            o.usageError("--topic is required");
        }
        if (count < 0) {
            o.usageError("--count is required");
        }
        if (persistent && clientId == null) {
            o.usageError("--persistent needs --client-id");
        }
        if (!mode.equals("callback") && !mode.equals("pull") && !mode.equals("inline")) {
            o.usageError("--mode is callback, pull or inline");
        }
        long qos = o.number("--qos", 0, 0, 1);
        JetSub run = new JetSub(count, o.flag("--latency"), o.number("--idle-timeout-ms", 10000, 1, 86_400_000L));
        NotificationOptions options = NotificationOptions.builder().device(o.string("--host", "127.0.0.1"))
                .port((int) o.number("--port", 1883, 1, 65535)).qos((int) qos).clientId(clientId).cleanSession(!persistent)
                .keepalive(Duration.ofSeconds(60)).overflow(Overflow.WAIT).inlineCallbacks(mode.equals("inline")).build();
        try {
            // Persistent: subscribed before connecting, so kept events are routed from the start.
            Notifications session = persistent ? Notifications.create(options) : Notifications.open(options);
            if (mode.equals("pull")) {
                session.subscribePull(topic);
            } else {
                session.subscribe(topic, run::handle);
            }
            if (persistent) {
                session.connect();
            }
            System.err.print("jet_sub: subscribed to " + topic + " (qos " + qos + ", " + mode + " mode, client id " + session.clientId() + ")\n");
            Bench.ready();
            long start = System.nanoTime();
            if (mode.equals("pull")) {
                run.pullEvents(session);
            } else {
                run.waitCallbacks(start);
            }
            NotificationStats stats = session.stats();
            session.close(); // no listener runs after this
            Jet.shutdown();
            run.report(stats);
        } catch (JetException e) {
            System.err.print("jet_sub: " + Jet.statusName(e.status()) + ": " + e.getMessage() + "\n");
            Jet.shutdown();
            System.exit(Bench.EXIT_FAILED);
        }
        System.exit(run.received >= count ? Bench.EXIT_DONE : Bench.EXIT_SHORT);
    }
}
