package net.libjet;

import java.time.Duration;

/**
 * Settings of a notification session (jet_notification_options_t), made
 * with {@link #builder()}. What is not set keeps libjet's default. Immutable.
 */
public final class NotificationOptions {
    private final NativeOptions values;

    // Indexes of the strings and numbers, in the order jni_notification.c reads them.
    private static final int DEVICE = 0, USER = 1, PASSWORD = 2, BIND = 3, CLIENT_ID = 4, CA = 5, CERT = 6, KEY = 7,
            SERVER_NAME = 8, STRING_COUNT = 9;
    private static final int PORT = 0, KEEPALIVE = 1, TLS = 2, INSECURE = 3, CONNECT_TIMEOUT = 4, CLEAN = 5, QOS = 6,
            QUEUE = 7, MAX_PACKET = 8, RECONNECT_MIN = 9, RECONNECT_MAX = 10, OVERFLOW = 11,
            INLINE_CALLBACKS = 12, NUMBER_COUNT = 13;

    private NotificationOptions(Builder builder) {
        this.values = builder.values.copy();
    }

    /** A builder with every setting at libjet's default. */
    public static Builder builder() {
        return new Builder();
    }

    /** The strings as NUL-terminated UTF-8, for the JNI glue. */
    byte[][] strings() {
        return values.cstrings();
    }

    /**
     * The numbers (-1: libjet's default), for the JNI glue. The last one,
     * inline callbacks, is no field of jet_notification_options_t: the glue
     * applies it with jet_notification_set_inline_callbacks.
     */
    long[] numbers() {
        return values.numbers();
    }

    /** The client id asked for, or null. */
    public String clientId() {
        return values.string(CLIENT_ID);
    }

    /** Builds {@link NotificationOptions}; each setter returns the builder. */
    public static final class Builder extends NativeOptions.Builder<Builder> {
        private Builder() {
            super(STRING_COUNT, NUMBER_COUNT);
        }

        @Override
        Builder self() {
            return this;
        }

        /** Device (broker) host name or address. Default "127.0.0.1". */
        public Builder device(String device) { return string(DEVICE, device); }

        /** Broker port. Default 1883. */
        public Builder port(int port) { return number(PORT, port, 65535, "port"); }

        /** User name, when the broker checks one. */
        public Builder user(String user) { return string(USER, user); }

        /** Password; never logged. */
        public Builder password(String password) { return string(PASSWORD, password); }

        /** MQTT keepalive. Default 60 s; zero turns it off. */
        public Builder keepalive(Duration keepalive) { return number(KEEPALIVE, keepalive.toSeconds(), 0xFFFF_FFFFL, "keepalive"); }

        /** Source address of the connection. */
        public Builder bindAddress(String address) { return string(BIND, address); }

        /** MQTT client id. Default: a unique one is made. */
        public Builder clientId(String clientId) { return string(CLIENT_ID, clientId); }

        /** Connect with TLS. Default false. */
        public Builder tls(boolean tls) { return number(TLS, tls ? 1 : 0, 1, "tls"); }

        /** PEM file of the CA(s) to trust; unset trusts the system's roots. */
        public Builder tlsCaFile(String path) { return string(CA, path); }

        /** PEM client certificate for mutual TLS. */
        public Builder tlsCertFile(String path) { return string(CERT, path); }

        /** PEM key of the client certificate. */
        public Builder tlsKeyFile(String path) { return string(KEY, path); }

        /** Name to verify in the server certificate instead of the device. */
        public Builder tlsServerName(String name) { return string(SERVER_NAME, name); }

        /** Accept any server certificate (labs only). Default false. */
        public Builder tlsInsecureSkipVerify(boolean skip) { return number(INSECURE, skip ? 1 : 0, 1, "tlsInsecureSkipVerify"); }

        /** Time for TCP, TLS and MQTT handshakes together. Default 10 s. */
        public Builder connectTimeout(Duration timeout) { return number(CONNECT_TIMEOUT, timeout.toMillis(), 0xFFFF_FFFFL, "connectTimeout"); }

        /** True (default) starts a clean MQTT session; false keeps the broker-side session (needs a client id). */
        public Builder cleanSession(boolean clean) { return number(CLEAN, clean ? 1 : 0, 1, "cleanSession"); }

        /** QoS of subscriptions: 0 (default) or 1. */
        public Builder qos(int qos) { return number(QOS, qos, 1, "qos"); }

        /** Events waiting for the application per queue. Default 65536. */
        public Builder queueCapacity(int capacity) { return number(QUEUE, capacity, Integer.MAX_VALUE, "queueCapacity"); }

        /** Largest MQTT packet accepted, in bytes. Default 1 MiB. */
        public Builder maxPacketSize(int bytes) { return number(MAX_PACKET, bytes, Integer.MAX_VALUE, "maxPacketSize"); }

        /** First reconnect delay; it doubles up to the maximum. Default 250 ms. */
        public Builder reconnectMin(Duration delay) { return number(RECONNECT_MIN, delay.toMillis(), 0xFFFF_FFFFL, "reconnectMin"); }

        /** Longest reconnect delay. Default 30 s. */
        public Builder reconnectMax(Duration delay) { return number(RECONNECT_MAX, delay.toMillis(), 0xFFFF_FFFFL, "reconnectMax"); }

        /** What happens when a queue is full. Default DROP. */
        public Builder overflow(Overflow overflow) { return number(OVERFLOW, overflow.code(), 1, "overflow"); }

        /**
         * Runs the listeners of {@link Notifications#subscribe} on libjet's
         * network thread (a thread named "jet-io"), as each read's events are
         * decoded, instead of on a dispatcher thread. Default false.
         *
         * <p>It saves one thread wake-up per event, most of a live event's
         * delivery time. In exchange the listener must not block: while it
         * runs the session reads nothing and sends no keepalive, so a listener
         * slower than the keepalive costs a reconnect (nothing is lost with
         * QoS 1 and {@code cleanSession(false)}). Calls that block, made from
         * it (subscribe, subscribePull, poll, connect, service calls,
         * {@link Jet#shutdown()}), throw a {@link JetException} whose status
         * is {@link Status#WOULD_DEADLOCK}; closing a subscription or the
         * session returns at once. State listeners stay on the dispatcher
         * thread, so one may run at the same time as an event listener; pull
         * subscriptions are queued as always. Applied when the session is
         * made, before it connects.
         */
        public Builder inlineCallbacks(boolean inline) { return number(INLINE_CALLBACKS, inline ? 1 : 0, 1, "inlineCallbacks"); }

        /** The options. */
        public NotificationOptions build() {
            return new NotificationOptions(this);
        }
    }
}
