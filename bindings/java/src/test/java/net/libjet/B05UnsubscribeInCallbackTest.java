package net.libjet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/**
 * B5: unsubscribing and closing from inside a listener do not deadlock; no
 * listener call follows an unsubscribe's return; the listener is released
 * exactly once.
 */
class B05UnsubscribeInCallbackTest extends WithBroker {
    private static final String TOPIC = "/junos/events/kernel/interfaces/ifd/add/ge-0/0/5";

    private static Notifications open() {
        return Notifications.open(onBroker().build());
    }

    /** Publishes {@code count} events and waits until the pull subscription of {@code session} has them all. */
    private static void publishAndDrain(Notifications session, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            broker.publish(TOPIC, "{\"jet-event\": {\"event-id\": \"KERNEL_EVENT_IFD_ADD\", \"attributes\": {\"i\": " + i + "}}}");
        }
        for (int i = 0; i < count; i++) {
            try (Event event = session.poll(Duration.ofSeconds(30))) {
                assertNotNull(event, "pull event " + i);
            }
        }
    }

    @Test
    void unsubscribeFromItsOwnListener() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        AtomicReference<Subscription> self = new AtomicReference<>();
        CountDownLatch closed = new CountDownLatch(1);
        Notifications session = open();
        session.subscribePull(TOPIC);
        self.set(session.subscribe(TOPIC, event -> {
            calls.incrementAndGet();
            self.get().close();
            closed.countDown();
        }));
        publishAndDrain(session, 3);
        assertTrue(closed.await(30, TimeUnit.SECONDS), "the listener ran and closed its subscription");
        Waiting.until(() -> self.get().releaseCount() == 1, Duration.ofSeconds(30), "released");
        session.close(); // waits for any listener still running; none may run afterwards
        assertEquals(1, calls.get());
        assertEquals(1, self.get().releaseCount());
    }

    @Test
    void noCallAfterUnsubscribeReturns() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        try (Notifications session = open()) {
            session.subscribePull(TOPIC);
            Subscription subscription = session.subscribe(TOPIC, event -> calls.incrementAndGet());
            publishAndDrain(session, 3);
            Waiting.until(() -> calls.get() == 3, Duration.ofSeconds(30), "three listener calls");
            subscription.close();
            assertEquals(1, subscription.releaseCount(), "released by the time unsubscribe returned");
            publishAndDrain(session, 3);
            subscription.close(); // twice: harmless
            assertEquals(3, calls.get());
            assertEquals(1, subscription.releaseCount());
        }
    }

    @Test
    void closeTheSessionFromAListener() throws Exception {
        AtomicReference<Notifications> session = new AtomicReference<>(open());
        CountDownLatch returned = new CountDownLatch(1);
        Subscription subscription = session.get().subscribe(TOPIC, event -> {
            session.get().close();
            returned.countDown();
        });
        broker.publish(TOPIC, "{\"jet-event\": {\"event-id\": \"KERNEL_EVENT_IFD_ADD\"}}");
        assertTrue(returned.await(30, TimeUnit.SECONDS), "close() returned inside the listener");
        assertTrue(session.get().isClosed());
        Waiting.until(() -> subscription.releaseCount() == 1, Duration.ofSeconds(30), "released");
        session.get().close();
        subscription.close();
        assertEquals(1, subscription.releaseCount());
    }

    @Test
    void unsubscribeAllFromAListener() throws Exception {
        AtomicReference<Notifications> session = new AtomicReference<>(open());
        AtomicInteger calls = new AtomicInteger();
        Subscription subscription = session.get().subscribe(TOPIC, event -> {
            calls.incrementAndGet();
            session.get().unsubscribeAll();
        });
        broker.publish(TOPIC, "{\"jet-event\": {\"event-id\": \"KERNEL_EVENT_IFD_ADD\"}}");
        Waiting.until(() -> subscription.releaseCount() == 1, Duration.ofSeconds(30), "released");
        session.get().subscribePull(TOPIC);
        publishAndDrain(session.get(), 2);
        session.get().close();
        assertEquals(1, calls.get());
        assertEquals(1, subscription.releaseCount());
    }
}
