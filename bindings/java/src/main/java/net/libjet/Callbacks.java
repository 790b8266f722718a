package net.libjet;

/**
 * The Java end of libjet's callbacks, called by the JNI glue on libjet's
 * threads (a dispatcher, or the network thread "jet-io" with inline
 * callbacks; attached to the JVM as daemons, named after the native
 * thread). Nothing thrown here
 * reaches native code: listener failures are caught and logged.
 */
final class Callbacks {
    private Callbacks() {}

    /** An event for a subscription's target (a borrowed jet_event_t). */
    static void event(Object target, long event) {
        ((Subscription.Target) target).deliver(event);
    }

    /** A connection state change for a session's state target. */
    static void state(Object target, int state) {
        ((Notifications.StateTarget) target).deliver(state);
    }

    /** A service session's state report for its target (the four lists, copied). */
    static void stateReport(Object target, String[] present, String[] purged, String[] reapplied, String[] failed) {
        ((Service.StateReportTarget) target).deliver(present, purged, reapplied, failed);
    }

    /** libjet released a target (free_user_data): no call follows. */
    static void released(Object target) {
        if (target instanceof Subscription.Target) {
            ((Subscription.Target) target).released();
        }
    }

    /** A log record. */
    static void log(int level, String target, String message) {
        try {
            JetLogging.log(level, target, message);
        } catch (RuntimeException e) {
            // A broken logger must not break libjet's thread; there is nowhere left to report it.
        }
    }
}
