package net.libjet;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * libjet's log records as System.Logger records: logger "net.libjet.TARGET"
 * (TARGET is libjet's part, e.g. "notify"). libjet sends up to WARN by
 * default (fewer if logger "net.libjet" takes fewer when the library loads),
 * so a program is not told of every connection unless it asks:
 * {@link Jet#setLogLevel} changes it (INFO: milestones, DEBUG, TRACE).
 */
final class JetLogging {
    private static final Map<String, Logger> LOGGERS = new ConcurrentHashMap<>();

    private JetLogging() {}

    /** Sends libjet's records to System.Logger. */
    static void install() {
        Logger root = System.getLogger("net.libjet");
        LogLevel max = LogLevel.ERROR;
        for (LogLevel level : new LogLevel[] {LogLevel.ERROR, LogLevel.WARN}) {
            if (root.isLoggable(toJava(level))) {
                max = level;
            }
        }
        JniLibrary.setLogCallback(max.code());
    }

    /** The System.Logger level of a libjet level. */
    static Level toJava(LogLevel level) {
        switch (level) {
            case ERROR: return Level.ERROR;
            case WARN: return Level.WARNING;
            case INFO: return Level.INFO;
            case DEBUG: return Level.DEBUG;
            default: return Level.TRACE;
        }
    }

    /** One record from libjet (through Callbacks.log). */
    static void log(int level, String target, String message) {
        Logger logger = LOGGERS.computeIfAbsent(target, name -> System.getLogger("net.libjet." + name));
        logger.log(toJava(LogLevel.values()[Math.max(0, Math.min(level - 1, 4))]), message);
    }

    /** A listener's failure: logged, never thrown back into libjet. */
    static void listenerFailed(String what, Throwable failure) {
        System.getLogger("net.libjet").log(Level.ERROR, "a " + what + " listener threw; the stream goes on", failure);
    }
}
