package net.libjet;

/** A libjet log level (JET_LOG_*). Declared in the order of the C constants. */
public enum LogLevel {
    /** Failures libjet could not hide. */
    ERROR,
    /** Recovered problems: reconnects, dropped events. */
    WARN,
    /** Milestones: connected, subscribed, closed. */
    INFO,
    /** Detail for finding a problem. */
    DEBUG,
    /** Everything. */
    TRACE;

    /** The C value of this constant. */
    public int code() {
        return ordinal() + 1;
    }
}
