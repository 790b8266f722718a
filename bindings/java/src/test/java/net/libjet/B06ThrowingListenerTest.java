package net.libjet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** B6: a listener that throws is caught and logged, and the stream goes on. */
class B06ThrowingListenerTest extends WithBroker {
    private static final String TOPIC = "/junos/events/kernel/interfaces/ifd/add/ge-0/0/6";

    @Test
    void throwingListenerIsLoggedAndTheStreamGoesOn() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        try (LogCapture log = new LogCapture();
             Notifications session = Notifications.open(onBroker().build())) {
            session.subscribe(TOPIC, event -> {
                int n = calls.incrementAndGet();
                if (n % 2 == 1) {
                    throw new IllegalStateException("listener failure number " + n);
                }
            });
            for (int i = 0; i < 4; i++) {
                broker.publish(TOPIC, "{\"jet-event\": {\"event-id\": \"KERNEL_EVENT_IFD_ADD\"}}");
            }
            Waiting.until(() -> calls.get() == 4, Duration.ofSeconds(30), "four listener calls");
            Waiting.until(() -> log.contains("listener failure number 3"), Duration.ofSeconds(30), "logged");
            assertTrue(log.contains("listener failure number 1"));
            assertTrue(log.records().stream().anyMatch(r -> r.getThrown() instanceof IllegalStateException));
            assertEquals(4, session.stats().delivered());
        }
    }

    @Test
    void throwingStateListenerIsLoggedToo() throws Exception {
        try (LogCapture log = new LogCapture()) {
            Notifications session = Notifications.create(onBroker().build());
            session.onState(state -> {
                throw new IllegalStateException("state listener failure " + state);
            });
            session.connect();
            Waiting.until(() -> log.contains("state listener failure CONNECTED"), Duration.ofSeconds(30), "logged");
            assertEquals(ConnectionState.CONNECTED, session.state());
            session.close();
        }
    }
}
