package net.libjet;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Collects the records of java.util.logging logger "net.libjet" and its children (System.Logger's default backend). */
final class LogCapture extends Handler implements AutoCloseable {
    private static final Logger ROOT = Logger.getLogger("net.libjet");
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Level previous;

    LogCapture() {
        previous = ROOT.getLevel();
        setLevel(Level.ALL);
        ROOT.setLevel(Level.ALL);
        ROOT.addHandler(this);
        ROOT.setUseParentHandlers(false); // captured, not printed
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        ROOT.removeHandler(this);
        ROOT.setUseParentHandlers(true);
        ROOT.setLevel(previous);
    }

    /** The records so far. */
    List<LogRecord> records() {
        return List.copyOf(records);
    }

    /** Whether a record's message (or its exception's) contains {@code text}. */
    boolean contains(String text) {
        return records.stream().anyMatch(r -> String.valueOf(r.getMessage()).contains(text)
                || (r.getThrown() != null && String.valueOf(r.getThrown().getMessage()).contains(text)));
    }
}
