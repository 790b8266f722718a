package net.libjet;

/**
 * The library as a whole: its version, its ABI version, logging and
 * shutdown. The first use of any libjet class loads the native library and
 * checks its ABI version (see the README: how libjet is found).
 */
public final class Jet {
    private Jet() {}

    /** libjet's version, e.g. "0.1.0". */
    public static String version() {
        return JniLibrary.version();
    }

    /** The C ABI version of the loaded library (equal to the binding's, or loading failed). */
    public static int abiVersion() {
        return JniLibrary.abiVersion();
    }

    /** The C ABI version this binding was written for. */
    public static int bindingAbiVersion() {
        return NativeLoader.ABI_VERSION;
    }

    /** How libjetjni was found: the override property, java.library.path, or extracted from the jar. */
    public static String loadedFrom() {
        return NativeLoader.loadedFrom();
    }

    /** The C name of a status, e.g. "JET_STATUS_TIMEOUT". */
    public static String statusName(Status status) {
        return JniLibrary.statusName(status.code());
    }

    /**
     * Sets the most detailed level of libjet's records that reach System.Logger
     * (loggers "net.libjet.*"); the logger's own level still applies.
     */
    public static void setLogLevel(LogLevel level) {
        JniLibrary.setLogLevel(level.code());
    }

    /**
     * Closes every session and stops every libjet thread. Runs by itself from
     * a JVM shutdown hook; call it earlier to stop libjet sooner. libjet
     * starts again on next use.
     *
     * @throws JetException WOULD_DEADLOCK when called from a libjet callback
     */
    public static void shutdown() {
        JniLibrary.shutdown();
    }

    /** The shutdown hook's shutdown: a failure there has nowhere to go but the log. */
    static void shutdownQuietly() {
        try {
            shutdown();
        } catch (RuntimeException e) {
            System.getLogger("net.libjet").log(System.Logger.Level.WARNING, "libjet shutdown at JVM exit failed", e);
        }
    }
}
