package net.libjet;

/** A notification session's connection state (JET_CONNECTION_*). Declared in the order of the C constants. */
public enum ConnectionState {
    /** Making the first connection. */
    CONNECTING,
    /** Connected; subscriptions in force. */
    CONNECTED,
    /** Connection lost; reconnecting with backoff (subscriptions are restored). */
    RECONNECTING,
    /** Closed. */
    CLOSED,
    /** Made by Notifications.create; not connected yet. */
    IDLE;

    /** The C value of this constant. */
    public int code() {
        return ordinal() + 0;
    }

    /** The constant with C value {@code code}. */
    static ConnectionState of(int code) {
        return values()[code - 0];
    }
}
