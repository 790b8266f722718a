package net.libjet;

/**
 * What a service session does about the JET state it created (filters with
 * their binds, policers, interface addresses) after its connection was lost
 * and made again (JET_SERVICE_STATE_*). Declared in the order of the C constants.
 */
public enum StateMode {
    /** Nothing (default). */
    OFF,
    /** Check what the device still has and hand a {@link StateReport} to the session's listener. */
    REPORT,
    /** As REPORT, and add the purged objects again. */
    REAPPLY;

    /** The C value of this constant. */
    public int code() {
        return ordinal();
    }
}
