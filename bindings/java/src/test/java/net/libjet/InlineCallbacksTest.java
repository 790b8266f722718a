package net.libjet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/**
 * Inline callbacks (NotificationOptions.Builder.inlineCallbacks): listeners
 * run on libjet's network thread, in order; blocking calls from them are
 * refused; a throwing listener is logged and the stream goes on.
 */
class InlineCallbacksTest extends WithBroker {
    /** Generous: CI is a loaded 2-core machine. */
    private static final long WAIT_S = 30;

    private static NotificationOptions inline() {
        return onBroker().inlineCallbacks(true).build();
    }

    /** The payload of event number {@code n}. */
    private static String numbered(int n) {
        return "{\"jet-event\": {\"event-id\": \"INLINE\", \"attributes\": {\"n\": " + n + "}}}";
    }

    /** Takes one value from {@code queue} within the bound, or fails naming {@code what}. */
    private static <T> T take(BlockingQueue<T> queue, String what) throws InterruptedException {
        T value = queue.poll(WAIT_S, TimeUnit.SECONDS);
        assertNotNull(value, what + " did not come within " + WAIT_S + " s");
        return value;
    }

    /** What a listener saw: the event's number and the name of its thread. */
    private record Seen(long number, String thread) {}

    @Test
    void eventsArriveInOrderOnTheNetworkThread() throws Exception {
        final int count = 200;
        String topic = "/jet-java/inline/order";
        BlockingQueue<Seen> seen = new ArrayBlockingQueue<>(count);
        try (Notifications session = Notifications.open(inline())) {
            session.subscribe(topic, event -> seen.add(new Seen(event.attrInt("n"), Thread.currentThread().getName())));
            List<String> lines = new ArrayList<>();
            for (int n = 0; n < count; n++) {
                lines.add(numbered(n));
            }
            broker.publishLines(topic, lines);
            for (int n = 0; n < count; n++) {
                Seen one = take(seen, "event " + n + " of " + count);
                assertEquals(n, one.number(), "out of order");
                // The glue names the Java thread it attached after the native one.
                assertEquals("jet-io", one.thread());
            }
            assertEquals(count, session.stats().delivered());
            assertEquals(0, session.stats().dropped());
        }
    }

    /** Subscribes on {@code session}, publishes one event and returns what a subscribe inside the listener threw (null: none). */
    private static JetException subscribeInListener(Notifications session, String topic) throws Exception {
        CompletableFuture<JetException> result = new CompletableFuture<>();
        AtomicBoolean first = new AtomicBoolean(true);
        session.subscribe(topic, event -> {
            if (!first.getAndSet(false)) {
                return;
            }
            try {
                session.subscribe(topic + "/inner", e -> { }).close();
                result.complete(null);
            } catch (JetException e) {
                result.complete(e);
            }
        });
        broker.publish(topic, "{}");
        return result.get(WAIT_S, TimeUnit.SECONDS);
    }

    @Test
    void blockingCallsFromTheListenerAreRefused() throws Exception {
        try (Notifications session = Notifications.open(inline())) {
            JetException refused = subscribeInListener(session, "/jet-java/inline/refused");
            assertNotNull(refused, "subscribe in an inline listener succeeded");
            assertEquals(Status.WOULD_DEADLOCK, refused.status());
            assertTrue(refused.getMessage().contains("subscribe"), refused.getMessage());
        }
        // The refusal is the network thread's: from a dispatcher listener the same subscribe succeeds.
        try (Notifications session = Notifications.open(onBroker().build())) {
            assertNull(subscribeInListener(session, "/jet-java/inline/dispatcher"));
        }
    }

    @Test
    void throwingListenerIsLoggedAndTheNextEventArrives() throws Exception {
        String topic = "/jet-java/inline/throw";
        BlockingQueue<Long> after = new ArrayBlockingQueue<>(2);
        try (LogCapture log = new LogCapture();
             Notifications session = Notifications.open(inline())) {
            session.subscribe(topic, event -> {
                long n = event.attrInt("n");
                if (n == 0) {
                    throw new IllegalStateException("inline listener failure " + n);
                }
                after.add(n);
            });
            broker.publishLines(topic, List.of(numbered(0), numbered(1)));
            assertEquals(1L, (long) take(after, "the event after the throw"));
            assertTrue(log.contains("inline listener failure 0"));
            assertTrue(log.records().stream().anyMatch(r -> r.getThrown() instanceof IllegalStateException));
            assertEquals(ConnectionState.CONNECTED, session.state());
        }
    }

    @Test
    void aCreatedSessionMayCloseFromItsListener() throws Exception {
        String topic = "/jet-java/inline/close";
        AtomicInteger calls = new AtomicInteger();
        AtomicReference<Notifications> self = new AtomicReference<>();
        CompletableFuture<Duration> closing = new CompletableFuture<>();
        Notifications session = Notifications.create(inline());
        self.set(session);
        Subscription sub = session.subscribe(topic, event -> {
            calls.incrementAndGet();
            long start = System.nanoTime();
            self.get().close();
            closing.complete(Duration.ofNanos(System.nanoTime() - start));
        });
        session.connect();
        broker.publishLines(topic, List.of(numbered(0), numbered(1)));
        // Close on the network thread does not wait for that thread's own task (libjet bounds that wait at 5 s).
        Duration took = closing.get(WAIT_S, TimeUnit.SECONDS);
        assertTrue(took.compareTo(Duration.ofSeconds(4)) < 0, "close in an inline listener took " + took);
        Waiting.until(() -> sub.releaseCount() == 1, Duration.ofSeconds(WAIT_S), "the listener released");
        assertTrue(session.isClosed());
        assertEquals(1, calls.get());
        assertEquals(1, sub.releaseCount());
    }
}
