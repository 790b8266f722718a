package net.libjet;

import java.lang.ref.Cleaner;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

import static net.libjet.Utf8.cstring;

/**
 * A notification session: JET events from a device's MQTT broker, pushed to
 * listeners on libjet's dispatcher thread or pulled with {@link #poll}.
 * Thread-safe. Close it when done (AutoCloseable); a forgotten session is
 * closed by a Cleaner once collected. Listeners may close subscriptions or
 * the session itself.
 *
 * <pre>{@code
 * try (Notifications session = Notifications.open(NotificationOptions.builder().device("198.51.100.1").build())) {
 *     session.subscribe(Topics.allEvents(), event -> System.out.println(event.id()));
 *     ...
 * }
 * }</pre>
 */
public final class Notifications implements AutoCloseable {
    private static final Cleaner CLEANER = Cleaner.create();

    private final NativeHandle handle;
    private final Cleaner.Cleanable cleanable;

    private Notifications(long pointer) {
        this.handle = new NativeHandle("notification session", pointer, JniNotification::close);
        this.cleanable = CLEANER.register(this, handle);
    }

    /**
     * Connects to a device's broker (jet_notification_open). Blocking;
     * Thread.interrupt() cancels it.
     *
     * @throws UnreachableException when the broker cannot be reached
     * @throws NotAuthorizedException when the broker refuses the credentials
     * @throws TimeoutException when the handshakes take longer than the connect timeout
     * @throws InvalidArgumentException for bad options
     * @throws CancelledException when the thread is interrupted
     */
    public static Notifications open(NotificationOptions options) {
        return make(options, true);
    }

    /**
     * Makes a session without connecting it (state IDLE); subscribe, then
     * {@link #connect()}. For persistent sessions: events the broker kept
     * arrive right after connecting, to the subscriptions made before.
     */
    public static Notifications create(NotificationOptions options) {
        return make(options, false);
    }

    private static Notifications make(NotificationOptions options, boolean connect) {
        byte[][] strings = options.strings();
        long[] numbers = options.numbers();
        long pointer = NativeHandle.blockingOpen((h, cancel) -> JniNotification.open(strings, numbers, connect, cancel));
        return new Notifications(pointer);
    }

    /** Connects a session made by {@link #create}; blocking and interruptible. */
    public void connect() {
        handle.blocking((h, cancel) -> {
            JniNotification.connect(h, cancel);
            return null;
        });
    }

    /**
     * Calls {@code listener} with each event whose topic matches {@code topic}
     * (build it with {@link Topics}), on a libjet dispatcher thread (on its
     * network thread with {@link NotificationOptions.Builder#inlineCallbacks}),
     * one at a time. The event is borrowed: see {@link Event}. A listener that throws
     * is logged and the stream goes on. Returns once the broker confirmed.
     */
    public Subscription subscribe(String topic, Consumer<Event> listener) {
        Objects.requireNonNull(listener, "listener");
        byte[] filter = cstring(Objects.requireNonNull(topic, "topic"));
        Subscription.Target target = new Subscription.Target(listener);
        long id = handle.use(h -> JniNotification.subscribe(h, filter, target));
        return new Subscription(handle, id, topic, target);
    }

    /** Queues each event whose topic matches {@code topic} for {@link #poll}. */
    public Subscription subscribePull(String topic) {
        byte[] filter = cstring(Objects.requireNonNull(topic, "topic"));
        long id = handle.use(h -> JniNotification.subscribePull(h, filter));
        return new Subscription(handle, id, topic, null);
    }

    /**
     * Waits up to {@code timeout} for the next event of a pull subscription.
     * Returns an owned event (close it), or null when none came in time.
     * Thread.interrupt() ends the wait with a {@link CancelledException}.
     */
    public Event poll(Duration timeout) {
        int ms = NativeHandle.millis(Objects.requireNonNull(timeout, "timeout"));
        long event = handle.blocking((h, cancel) -> JniNotification.next(h, ms, cancel));
        return event == 0 ? null : Event.own(event);
    }

    /** Ends every subscription of the session. */
    public void unsubscribeAll() {
        handle.use(h -> {
            JniNotification.unsubscribeAll(h);
            return null;
        });
    }

    /**
     * Calls {@code listener} on the dispatcher thread, in order with the
     * events, when the connection state changes; null removes it.
     */
    public void onState(Consumer<ConnectionState> listener) {
        StateTarget target = listener == null ? null : new StateTarget(listener);
        handle.use(h -> {
            JniNotification.setStateCallback(h, target);
            return null;
        });
    }

    /** The connection state now. */
    public ConnectionState state() {
        return ConnectionState.of(handle.use(JniNotification::state));
    }

    /** The session's counters. */
    public NotificationStats stats() {
        long[] v = new long[5];
        handle.use(h -> {
            JniNotification.stats(h, v);
            return null;
        });
        return new NotificationStats(v[0], v[1], v[2], v[3], v[4]);
    }

    /** The MQTT client id in use. */
    public String clientId() {
        return handle.use(JniNotification::clientId);
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return handle.isClosed();
    }

    /**
     * Closes the session: disconnects, waits for running listeners (unless
     * called from one) and releases them. A blocked {@link #poll} ends with
     * {@link ClosedException}. Safe to call twice.
     */
    @Override
    public void close() {
        cleanable.clean();
    }

    /** What libjet calls on a state change (must not refer to the session). */
    static final class StateTarget {
        private final Consumer<ConnectionState> listener;

        StateTarget(Consumer<ConnectionState> listener) {
            this.listener = listener;
        }

        void deliver(int state) {
            try {
                listener.accept(ConnectionState.of(state));
            } catch (Throwable failure) {
                JetLogging.listenerFailed("state", failure);
            }
        }
    }
}
