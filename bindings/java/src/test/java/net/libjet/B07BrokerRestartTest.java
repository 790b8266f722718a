package net.libjet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * B7: when the broker restarts, the state goes to RECONNECTING and back to
 * CONNECTED, the subscription is restored and events flow again, with no
 * action from the program.
 */
class B07BrokerRestartTest {
    private static final String TOPIC = "/junos/events/kernel/interfaces/ifd/add/ge-0/0/7";
    private static final String EVENT = "{\"jet-event\": {\"event-id\": \"KERNEL_EVENT_IFD_ADD\"}}";

    /** Takes states until {@code wanted} arrives (failing after 60 s). */
    private static void awaitState(LinkedBlockingQueue<ConnectionState> states, ConnectionState wanted) throws InterruptedException {
        while (true) {
            ConnectionState state = states.poll(60, TimeUnit.SECONDS);
            assertNotNull(state, "no state change to " + wanted);
            if (state == wanted) {
                return;
            }
        }
    }

    @Test
    void reconnectsAndRestoresTheSubscription() throws Exception {
        LinkedBlockingQueue<ConnectionState> states = new LinkedBlockingQueue<>();
        LinkedBlockingQueue<String> ids = new LinkedBlockingQueue<>();
        try (Mosquitto broker = Mosquitto.start();
             Notifications session = Notifications.create(NotificationOptions.builder().port(broker.port())
                     .reconnectMin(Duration.ofMillis(50)).reconnectMax(Duration.ofMillis(400)).keepalive(Duration.ofSeconds(5)).build())) {
            session.onState(states::add);
            session.subscribe(TOPIC, event -> ids.add(event.id()));
            session.connect();
            awaitState(states, ConnectionState.CONNECTED);
            broker.publish(TOPIC, EVENT);
            assertEquals("KERNEL_EVENT_IFD_ADD", ids.poll(30, TimeUnit.SECONDS));

            broker.stop();
            awaitState(states, ConnectionState.RECONNECTING);
            broker.restart();
            awaitState(states, ConnectionState.CONNECTED);
            assertEquals(ConnectionState.CONNECTED, session.state());

            broker.publish(TOPIC, EVENT);
            assertEquals("KERNEL_EVENT_IFD_ADD", ids.poll(30, TimeUnit.SECONDS), "events flow after the restart");
            assertTrue(session.stats().reconnects() >= 1);
        }
    }
}
