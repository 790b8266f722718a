package net.libjet.examples;

import java.util.ArrayList;
import java.util.List;

import net.libjet.Event;
import net.libjet.Jet;
import net.libjet.JetException;
import net.libjet.NotificationOptions;
import net.libjet.Notifications;

/**
 * watch: prints the Junos JET notifications a device publishes, one line per
 * event; the Java twin of examples/c/watch.c (same command line, output and
 * exit statuses).
 *
 * <pre>watch [--device HOST] [--port N] [--user U --password P] [--count N] [TOPIC...]</pre>
 *
 * For each event it prints "EVENT-ID TOPIC ATTRIBUTES-AS-JSON", or
 * "PARSE-ERROR TOPIC BYTE-COUNT" for a payload that is not a JET event. With
 * --count N it exits after N events; otherwise it runs until SIGINT or
 * SIGTERM. Exit status: 0 when done, 1 when libjet reports an error, 2 for a
 * bad command line. Listeners run on a libjet thread; the main thread waits.
 */
public final class Watch {
    private static final String DEFAULT_TOPIC = "/junos/events/#";
    private static final String USAGE =
            "usage: watch [--device HOST] [--port N] [--user U --password P] [--count N] [TOPIC...]\n"
            + "Prints the JET notifications a Junos device publishes, one line per event:\n"
            + "  <event-id> <topic> <attributes as JSON>   or   PARSE-ERROR <topic> <bytes>\n"
            + "  --device HOST  the device (its MQTT broker); default 127.0.0.1\n"
            + "  --port N       the broker's port; default 1883\n"
            + "  --user U       user name, when the device asks for one\n"
            + "  --password P   password of --user\n"
            + "  --count N      exit after N events; default: run until SIGINT or SIGTERM\n"
            + "  TOPIC          MQTT topic filters to watch; default " + DEFAULT_TOPIC + "\n";

    private String device = "127.0.0.1";
    private long port = 1883;
    private String user;
    private String password;
    private long count;
    private final List<String> topics = new ArrayList<>();

    /** What the listener and the main thread share, under its own lock. */
    private long printed;
    private boolean stopping;

    private Watch() {}

    private static void usageError(String problem, String argument) {
        System.err.print("watch: " + problem + (argument != null ? ": " + argument : "") + "\n" + USAGE);
        System.exit(2);
    }

    /** The whole of {@code text} as a number from min to max, or a usage error. */
    private static long parseNumber(String option, String text, long min, long max) {
        try {
            long value = Long.parseLong(text);
            if (value >= min && value <= max && !text.startsWith("+")) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        usageError(option + " wants a number from " + min + " to " + max, text);
        return 0;
    }

    private static String optionValue(String[] args, int i) {
        if (i + 1 >= args.length) {
            usageError("missing value after", args[i]);
        }
        return args[i + 1];
    }

    private void parseArguments(String[] args) {
        boolean optionsDone = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (optionsDone || !arg.startsWith("-") || arg.equals("-")) {
                topics.add(arg);
            } else if (arg.equals("--")) {
                optionsDone = true;
            } else if (arg.equals("--help") || arg.equals("-h")) {
                System.out.print(USAGE);
                System.exit(0);
            } else if (arg.equals("--device")) {
                device = optionValue(args, i++);
            } else if (arg.equals("--port")) {
                port = parseNumber(arg, optionValue(args, i++), 1, 65535);
            } else if (arg.equals("--user")) {
                user = optionValue(args, i++);
            } else if (arg.equals("--password")) {
                password = optionValue(args, i++);
            } else if (arg.equals("--count")) {
                count = parseNumber(arg, optionValue(args, i++), 1, Long.MAX_VALUE);
            } else {
                usageError("unknown option", arg);
            }
        }
        if (device.isEmpty()) {
            usageError("--device must not be empty", null);
        }
        if (password != null && user == null) {
            usageError("--password needs --user", null);
        }
    }

    private static void report(String what, JetException e) {
        System.err.print("watch: " + what + ": " + Jet.statusName(e.status()) + ": " + e.getMessage() + "\n");
    }

    /** Runs on a libjet dispatcher thread, one event at a time. */
    private synchronized void onEvent(Event event) {
        if (stopping) {
            return;
        }
        if (event.isParsed()) {
            String id = event.id();
            System.out.print((id != null ? id : "-") + " " + event.topic() + " " + event.attributesJson() + "\n");
        } else {
            System.out.print("PARSE-ERROR " + event.topic() + " " + event.raw().length + "\n");
        }
        System.out.flush();
        printed++;
        if (count > 0 && printed >= count) {
            stopping = true;
            notifyAll();
        }
    }

    private synchronized void stop() {
        stopping = true;
        notifyAll();
    }

    private synchronized void awaitStopping() throws InterruptedException {
        while (!stopping) {
            wait();
        }
    }

    /** Watches until done; returns the exit status. */
    private int watch() throws InterruptedException {
        Notifications session;
        try {
            session = Notifications.open(NotificationOptions.builder().device(device).port((int) port).user(user).password(password).build());
        } catch (JetException e) {
            report("cannot connect to " + device + " port " + port, e);
            Jet.shutdown();
            return 1;
        }
        List<String> filters = topics.isEmpty() ? List.of(DEFAULT_TOPIC) : topics;
        int status = 0;
        for (String topic : filters) {
            try {
                session.subscribe(topic, this::onEvent);
            } catch (JetException e) {
                report("cannot subscribe to " + topic, e);
                status = 1;
                break;
            }
        }
        if (status == 0) {
            awaitStopping();
        }
        session.close(); // waits for a running listener; no listener runs afterwards
        Jet.shutdown();
        return status;
    }

    /** Entry point. */
    public static void main(String[] args) throws InterruptedException {
        QuietLog.unlessAsked();
        Watch watch = new Watch();
        watch.parseArguments(args);
        // SIGINT and SIGTERM run the shutdown hooks: stop as the C program
        // does, let main close the session, and exit 0 once it is done.
        Thread main = Thread.currentThread();
        Thread onSignal = new Thread(() -> {
            watch.stop();
            try {
                main.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Runtime.getRuntime().halt(0);
        });
        Runtime.getRuntime().addShutdownHook(onSignal);
        int status = watch.watch();
        Runtime.getRuntime().removeShutdownHook(onSignal); // not a signal: a normal exit
        if (status != 0) {
            System.exit(status);
        }
    }
}
