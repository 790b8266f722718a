package net.libjet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * B3: the samples published to Mosquitto arrive at a listener with id,
 * topic, header fields and typed attributes; the malformed ones arrive as
 * parse errors with their raw bytes.
 */
class B03PushTest extends WithBroker {

    @Test
    void samplesArriveAtTheListener() throws Exception {
        List<Samples.Sample> samples = Samples.all();
        LinkedBlockingQueue<Event> copies = new LinkedBlockingQueue<>();
        LinkedBlockingQueue<String> idsInCallback = new LinkedBlockingQueue<>();
        try (Notifications session = Notifications.open(onBroker().build());
             Subscription subscription = session.subscribe(Topics.allEvents(), event -> {
                 // Read inside the callback (borrowed), then keep a copy.
                 idsInCallback.add(event.isParsed() ? event.id() : "PARSE-ERROR " + event.topic());
                 copies.add(event.copy());
             })) {
            assertTrue(subscription.isPush());
            Samples.publishAll(broker);
            List<Event> events = new ArrayList<>();
            for (int i = 0; i < samples.size(); i++) {
                Event event = copies.poll(30, TimeUnit.SECONDS);
                assertNotNull(event, "event " + i + " of " + samples.size() + " did not arrive");
                assertTrue(event.isOwned());
                events.add(event);
            }
            SampleChecks.check(samples, events);
            assertEquals("KERNEL_EVENT_IFD_ADD", idsInCallback.poll());
            events.forEach(Event::close);
            NotificationStats stats = session.stats();
            assertEquals(samples.size(), stats.received());
            assertEquals(2, stats.parseErrors());
        }
    }
}
