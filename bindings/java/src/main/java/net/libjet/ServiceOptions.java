package net.libjet;

import java.time.Duration;

/**
 * Settings of a service session (jet_service_options_t), made with
 * {@link #builder()}. What is not set keeps libjet's default: TLS, verified,
 * port 32767, auto IDL generation. Immutable.
 */
public final class ServiceOptions {
    private final NativeOptions values;

    // Indexes, in the order jni_service.c reads them.
    private static final int DEVICE = 0, USER = 1, PASSWORD = 2, CLIENT_ID = 3, CA = 4, CERT = 5, KEY = 6,
            SERVER_NAME = 7, STRING_COUNT = 8;
    private static final int PORT = 0, API = 1, CLEAR_TEXT = 2, INSECURE = 3, CONNECT_TIMEOUT = 4, CALL_TIMEOUT = 5,
            STATE = 6, NUMBER_COUNT = 7;

    private ServiceOptions(Builder builder) {
        this.values = builder.values.copy();
    }

    /** A builder with every setting at libjet's default. */
    public static Builder builder() {
        return new Builder();
    }

    byte[][] strings() {
        return values.cstrings();
    }

    long[] numbers() {
        return values.numbers();
    }

    /** The user to log in as, or null. */
    public String user() {
        return values.string(USER);
    }

    /** Builds {@link ServiceOptions}; each setter returns the builder. */
    public static final class Builder extends NativeOptions.Builder<Builder> {
        private Builder() {
            super(STRING_COUNT, NUMBER_COUNT);
        }

        @Override
        Builder self() {
            return this;
        }

        /** Device host name or address. Default "127.0.0.1". */
        public Builder device(String device) { return string(DEVICE, device); }

        /** JET request-response port. Default 32767. */
        public Builder port(int port) { return number(PORT, port, 65535, "port"); }

        /** User for the login; unset skips the login. */
        public Builder user(String user) { return string(USER, user); }

        /** Password; never logged. */
        public Builder password(String password) { return string(PASSWORD, password); }

        /** Client id, unique among the device's sessions; unset makes one. */
        public Builder clientId(String clientId) { return string(CLIENT_ID, clientId); }

        /** IDL generation. Default AUTO. */
        public Builder api(Api api) { return number(API, api.code(), 2, "api"); }

        /** Connect without TLS (must be asked for). Default false. */
        public Builder clearText(boolean clearText) { return number(CLEAR_TEXT, clearText ? 1 : 0, 1, "clearText"); }

        /** PEM file of the CA(s) to trust; unset trusts the system's roots. */
        public Builder tlsCaFile(String path) { return string(CA, path); }

        /** PEM client certificate for mutual TLS. */
        public Builder tlsCertFile(String path) { return string(CERT, path); }

        /** PEM key of the client certificate. */
        public Builder tlsKeyFile(String path) { return string(KEY, path); }

        /** Name to verify in the device certificate instead of the device. */
        public Builder tlsServerName(String name) { return string(SERVER_NAME, name); }

        /** Accept any certificate (labs only). Default false. */
        public Builder tlsInsecureSkipVerify(boolean skip) { return number(INSECURE, skip ? 1 : 0, 1, "tlsInsecureSkipVerify"); }

        /** Time to connect (TCP and TLS). Default 10 s. */
        public Builder connectTimeout(Duration timeout) { return number(CONNECT_TIMEOUT, timeout.toMillis(), 0xFFFF_FFFFL, "connectTimeout"); }

        /** Deadline of each call made without one. Default 30 s. */
        public Builder callTimeout(Duration timeout) { return number(CALL_TIMEOUT, timeout.toMillis(), 0xFFFF_FFFFL, "callTimeout"); }

        /**
         * What the session does about the JET state it created after a
         * reconnect. Default OFF. Reports go to {@link Service#onStateReport}.
         */
        public Builder state(StateMode mode) { return number(STATE, mode.code(), 2, "state"); }

        /** The options. */
        public ServiceOptions build() {
            return new ServiceOptions(this);
        }
    }
}
