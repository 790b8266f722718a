package net.libjet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * B11: double close, use after close, and objects dropped without close and
 * collected (System.gc(); a Cleaner releases them): no crash, no leak.
 */
class B11LifetimesTest extends WithSim {
    private static final String TOPIC = "/junos/events/kernel/interfaces/ifd/add/ge-0/0/11";

    @Test
    void doubleCloseAndUseAfterClose() {
        Notifications session = Notifications.open(sim.notifications().build());
        Subscription subscription = session.subscribe(TOPIC, event -> { });
        subscription.close();
        subscription.close();
        session.close();
        session.close();
        assertThrows(ClosedException.class, session::stats);
        assertThrows(ClosedException.class, () -> session.subscribe(TOPIC, event -> { }));
        assertThrows(ClosedException.class, () -> session.poll(Duration.ZERO));

        Service service = Service.open(sim.service().build());
        service.close();
        service.close();
        ClosedException e = assertThrows(ClosedException.class, () -> service.firewall().counterGet("f", "c"));
        assertEquals(Status.CLOSED, e.status());
        assertThrows(ClosedException.class, service::clientId);
    }

    @Test
    void eventsAfterTheirTime() throws Exception {
        LinkedBlockingQueue<Event> kept = new LinkedBlockingQueue<>();
        LinkedBlockingQueue<Event> borrowed = new LinkedBlockingQueue<>();
        try (Notifications session = Notifications.open(sim.notifications().build())) {
            session.subscribe(Topics.ifa(Op.ALL, null, Topics.ANY, null, null), event -> {
                borrowed.add(event);
                kept.add(event.copy());
            });
            try (Service service = Service.open(sim.service().build())) {
                service.interfaces().addressAdd("ge-0/0/2", 0, Family.INET, "192.0.2.111/24");
                service.interfaces().addressDelete("ge-0/0/2", 0, Family.INET, "192.0.2.111/24");
            }
            Event copy = kept.poll(30, TimeUnit.SECONDS);
            assertNotNull(copy);
            Event stale = borrowed.take();
            assertThrows(ClosedException.class, stale::id, "a listener's event after the listener returned");
            assertEquals("KERNEL_EVENT_IFA_ADD", copy.id());
            copy.close();
            copy.close();
            assertThrows(ClosedException.class, copy::id);
        }
    }

    /** Opens sessions, subscribes, and drops them: returns what observes their release. */
    private static List<Subscription> dropSessions(int count) {
        List<Subscription> subscriptions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Notifications session = Notifications.open(sim.notifications().build());
            subscriptions.add(session.subscribe(TOPIC, event -> { }));
            session.subscribePull(TOPIC);
            Service.open(sim.service().build()).clientId();
        }
        return subscriptions;
    }

    @Test
    void droppedObjectsAreCollectedAndReleased() throws Exception {
        // A Subscription refers to the session's native state, not to the Notifications object.
        List<Subscription> subscriptions = dropSessions(20);
        Event dropped = ownedEventDropped();
        assertNotNull(dropped, "the device's config-update event");
        WeakReference<Event> event = new WeakReference<>(dropped);
        dropped = null;
        Waiting.until(() -> {
            System.gc();
            return subscriptions.stream().allMatch(Subscription::isReleased) && event.get() == null;
        }, Duration.ofSeconds(60), "every dropped session closed by its Cleaner");
        for (Subscription subscription : subscriptions) {
            assertEquals(1, subscription.releaseCount());
            subscription.close(); // after the session was cleaned: harmless
        }
        assertTrue(Jet.version().length() > 0, "libjet still works");
    }

    /** An owned event made and dropped without close. */
    private static Event ownedEventDropped() {
        LinkedBlockingQueue<Event> copies = new LinkedBlockingQueue<>();
        try (Notifications session = Notifications.open(sim.notifications().build())) {
            session.subscribe(Topics.configUpdate(), e -> copies.add(e.copy()));
            try (Service service = Service.open(sim.service().build())) {
                service.management().load("set system host-name java-b11\n", ConfigFormat.SET, LoadType.MERGE, "b11");
            }
            return copies.poll(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
