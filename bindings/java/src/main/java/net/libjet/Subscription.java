package net.libjet;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One subscription of a {@link Notifications} session. close() ends it: on
 * return its listener is not running (unless close() was called from that
 * listener) and is never called again. Closing twice, or after the session
 * closed, is harmless.
 */
public final class Subscription implements AutoCloseable {
    private final NativeHandle session;
    private final long id;
    private final String topic;
    private final Target target;
    private boolean closed;

    Subscription(NativeHandle session, long id, String topic, Target target) {
        this.session = session;
        this.id = id;
        this.topic = topic;
        this.target = target;
    }

    /** The topic filter subscribed to. */
    public String topic() {
        return topic;
    }

    /** libjet's id of the subscription. */
    public long id() {
        return id;
    }

    /** Whether events go to a listener (false: to {@link Notifications#poll}). */
    public boolean isPush() {
        return target != null;
    }

    /** Whether libjet has released the listener: it will not be called again. */
    public boolean isReleased() {
        return target != null && target.releases.get() > 0;
    }

    /** How many times libjet released the listener (exactly once after close; for tests). */
    int releaseCount() {
        return target == null ? 0 : target.releases.get();
    }

    /** Unsubscribes. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (session.isClosed()) {
            return; // closing the session ended every subscription
        }
        try {
            session.use(h -> {
                JniNotification.unsubscribe(h, id);
                return null;
            });
        } catch (NotFoundException | ClosedException e) {
            // Already ended by unsubscribeAll or the session closing.
        }
    }

    /**
     * What libjet calls for a push subscription (held by a JNI global
     * reference; it must not refer to the session, or a forgotten session
     * could never be collected).
     */
    static final class Target {
        private final Consumer<Event> listener;
        private final AtomicInteger releases = new AtomicInteger();

        Target(Consumer<Event> listener) {
            this.listener = listener;
        }

        /** One event, borrowed for the call. */
        void deliver(long pointer) {
            Event event = Event.borrow(pointer);
            try {
                listener.accept(event);
            } catch (Throwable failure) {
                JetLogging.listenerFailed("subscription", failure);
            } finally {
                event.invalidate();
            }
        }

        /** libjet let go of this target. */
        void released() {
            releases.incrementAndGet();
        }
    }
}
