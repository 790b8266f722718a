package net.libjet.examples;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The examples print exactly what their C twins print, and libjet's C log
 * is silent unless the environment sets JET_LOG: so unless JET_LOG is set,
 * the records libjet sends to System.Logger (java.util.logging here) are
 * turned off.
 */
final class QuietLog {
    /** Held so that java.util.logging keeps the setting. */
    private static final Logger LIBJET = Logger.getLogger("net.libjet");

    private QuietLog() {}

    /** Silences libjet's records unless JET_LOG is set. */
    static void unlessAsked() {
        if (System.getenv("JET_LOG") == null) {
            LIBJET.setLevel(Level.OFF);
        }
    }
}
