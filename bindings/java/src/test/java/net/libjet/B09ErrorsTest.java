package net.libjet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/**
 * B9: each failure maps to its Java exception: unreachable, timeout
 * (deadline), not authorized, invalid argument (bad input never reaches the
 * device).
 */
class B09ErrorsTest extends WithSim {

    @Test
    void unreachable() {
        int closedPort = FreePort.pick();
        UnreachableException service = assertThrows(UnreachableException.class,
                () -> Service.open(ServiceOptions.builder().port(closedPort).clearText(true).user("jet").password("jet123").build()));
        assertEquals(Status.UNREACHABLE, service.status());
        assertThrows(UnreachableException.class, () -> Notifications.open(NotificationOptions.builder().port(closedPort).build()));
    }

    @Test
    void timeoutAtTheDeadline() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            TimeoutException notify = assertThrows(TimeoutException.class, () -> Notifications.open(
                    NotificationOptions.builder().port(silent.port()).connectTimeout(Duration.ofMillis(300)).build()));
            assertEquals(Status.TIMEOUT, notify.status());
            assertThrows(TimeoutException.class, () -> Service.open(ServiceOptions.builder().port(silent.port()).clearText(true)
                    .user("jet").password("jet123").connectTimeout(Duration.ofMillis(300)).callTimeout(Duration.ofMillis(300)).build()));
        }
    }

    @Test
    void notAuthorized() {
        NotAuthorizedException e = assertThrows(NotAuthorizedException.class,
                () -> Service.open(sim.service().password("not-the-password").build()));
        assertEquals(Status.NOT_AUTHORIZED, e.status());
    }

    @Test
    void invalidArgumentNeverReachesTheDevice() {
        try (Service service = Service.open(sim.service().build())) {
            Filter bad = Filter.of("java-b9-bad", Family.INET,
                    Term.of("t1", Matches.builder().destinationPorts("22", "70000").build(), Actions.builder().accept().build()));
            InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> service.firewall().filterAdd(bad));
            assertTrue(e.getMessage().contains("filter.terms[0].matches.destination-ports[1]"), e.getMessage());
            assertEquals(-1, e.grpcCode(), "libjet refused it before any gRPC call");
            InvalidArgumentException raw = assertThrows(InvalidArgumentException.class,
                    () -> service.firewall().filterAdd("{\"name\": \"x\", \"family\": \"inet\", \"terms\": [], \"bogus\": 1}"));
            assertTrue(raw.getMessage().contains("bogus"), raw.getMessage());
            assertThrows(InvalidArgumentException.class,
                    () -> service.interfaces().addressAdd("ge-0/0/1", 0, Family.INET, "not-an-address"));
            // The device never saw the filter.
            assertThrows(JetException.class, () -> service.firewall().counterGet("java-b9-bad", "c"));
        }
    }
}
