package net.libjet;

import java.lang.ref.Cleaner;
import java.util.function.Consumer;

/**
 * A JET service session (gRPC: login, interfaces, firewall, management).
 * Thread-safe. Every call blocks until done, takes an optional Duration
 * (null or absent: the session's call timeout) and is interruptible:
 * Thread.interrupt() makes it end at once with {@link CancelledException}.
 * Close it when done; a forgotten session is closed by a Cleaner.
 */
public final class Service implements AutoCloseable {
    private static final Cleaner CLEANER = Cleaner.create();

    private final NativeHandle handle;
    private final Cleaner.Cleanable cleanable;
    private final Interfaces interfaces;
    private final Firewall firewall;
    private final Management management;

    private Service(long pointer) {
        this.handle = new NativeHandle("service session", pointer, JniService::close);
        this.cleanable = CLEANER.register(this, handle);
        this.interfaces = new Interfaces(handle);
        this.firewall = new Firewall(handle);
        this.management = new Management(handle);
    }

    /**
     * Connects to the device's JET services and logs in (jet_service_open).
     *
     * @throws UnreachableException when the device cannot be reached
     * @throws NotAuthorizedException when the login is refused
     * @throws TimeoutException when connecting takes too long
     * @throws InvalidArgumentException for bad options
     * @throws CancelledException when the thread is interrupted
     */
    public static Service open(ServiceOptions options) {
        byte[][] strings = options.strings();
        long[] numbers = options.numbers();
        return new Service(NativeHandle.blockingOpen((h, cancel) -> JniService.open(strings, numbers, cancel)));
    }

    /** Interface addresses. */
    public Interfaces interfaces() {
        return interfaces;
    }

    /** Firewall filters, policers and counters. */
    public Firewall firewall() {
        return firewall;
    }

    /** Operational commands and configuration. */
    public Management management() {
        return management;
    }

    /** The client id in use. */
    public String clientId() {
        return handle.use(JniService::clientId);
    }

    /** The IDL generation {@code service} is spoken in (UNKNOWN before its first call in auto mode). */
    public Generation generation(ServiceKind service) {
        return Generation.of(handle.use(h -> JniService.generation(h, service.code())));
    }

    /**
     * Calls {@code listener} with each {@link StateReport} made after a
     * reconnect, on a libjet thread; it may call this session (not close
     * it). Reports are made only for sessions opened with a
     * {@link ServiceOptions.Builder#state state} other than
     * {@link StateMode#OFF}. Null removes the listener. What the listener
     * throws is caught and logged.
     */
    public void onStateReport(Consumer<StateReport> listener) {
        StateReportTarget target = listener == null ? null : new StateReportTarget(listener);
        handle.use(h -> {
            JniService.setStateCallback(h, target);
            return null;
        });
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return handle.isClosed();
    }

    /** Disconnects; calls in progress end with {@link ClosedException}. Safe to call twice. */
    @Override
    public void close() {
        cleanable.clean();
    }

    /** What libjet calls with a state report (must not refer to the session). */
    static final class StateReportTarget {
        private final Consumer<StateReport> listener;

        StateReportTarget(Consumer<StateReport> listener) {
            this.listener = listener;
        }

        void deliver(String[] present, String[] purged, String[] reapplied, String[] failed) {
            try {
                listener.accept(new StateReport(present, purged, reapplied, failed));
            } catch (Throwable failure) {
                JetLogging.listenerFailed("state report", failure);
            }
        }
    }
}
