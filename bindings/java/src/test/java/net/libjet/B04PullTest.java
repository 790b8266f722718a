package net.libjet;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** B4: the same samples through poll(); a poll that times out returns promptly with no event. */
class B04PullTest extends WithBroker {

    @Test
    void samplesArriveThroughPoll() throws Exception {
        List<Samples.Sample> samples = Samples.all();
        try (Notifications session = Notifications.open(onBroker().build());
             Subscription subscription = session.subscribePull(Topics.allEvents())) {
            assertFalse(subscription.isPush());
            Samples.publishAll(broker);
            List<Event> events = new ArrayList<>();
            for (int i = 0; i < samples.size(); i++) {
                Event event = session.poll(Duration.ofSeconds(30));
                assertNotNull(event, "event " + i + " of " + samples.size() + " did not arrive");
                events.add(event);
            }
            SampleChecks.check(samples, events);
            events.forEach(Event::close);
        }
    }

    @Test
    void aTimeoutReturnsPromptlyWithoutEvent() throws Exception {
        try (Notifications session = Notifications.open(onBroker().build());
             Subscription subscription = session.subscribePull(Topics.syslog("NOTHING_EVER")) ) {
            long start = System.nanoTime();
            assertNull(session.poll(Duration.ofMillis(200)));
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue(elapsedMs >= 150 && elapsedMs < 5000, "poll(200 ms) took " + elapsedMs + " ms");
            assertNull(session.poll(Duration.ZERO));
        }
    }
}
