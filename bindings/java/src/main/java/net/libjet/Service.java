package net.libjet;

import java.lang.ref.Cleaner;

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

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return handle.isClosed();
    }

    /** Disconnects; calls in progress end with {@link ClosedException}. Safe to call twice. */
    @Override
    public void close() {
        cleanable.clean();
    }
}
