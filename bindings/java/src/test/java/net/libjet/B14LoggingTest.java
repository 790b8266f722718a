package net.libjet;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.logging.LogRecord;

import org.junit.jupiter.api.Test;

/** B14: libjet's log records reach System.Logger (loggers net.libjet.*); a password never appears. */
class B14LoggingTest extends WithSim {
    private static final String SECRET = "s3cret-Java-B14";

    @Test
    void recordsReachSystemLoggerWithoutPasswords() throws Exception {
        try (LogCapture log = new LogCapture()) {
            Jet.setLogLevel(LogLevel.TRACE);
            try (Notifications session = Notifications.open(sim.notifications().user("jet").password(SECRET).build())) {
                session.subscribe(Topics.allEvents(), event -> { });
            }
            assertThrows(NotAuthorizedException.class, () -> Service.open(sim.service().password(SECRET).build()));
            try (Service service = Service.open(sim.service().build())) {
                service.management().run("show version", CommandKind.CLI, OutputFormat.TEXT);
            }
            Waiting.until(() -> log.records().stream().anyMatch(r -> r.getLoggerName().startsWith("net.libjet.")),
                    Duration.ofSeconds(30), "a libjet record logged");
            for (LogRecord record : log.records()) {
                assertFalse(String.valueOf(record.getMessage()).contains(SECRET), record.getMessage());
                assertFalse(String.valueOf(record.getMessage()).contains(JetSim.PASSWORD), record.getMessage());
            }
            assertTrue(log.records().size() > 3, "records: " + log.records().size());
        } finally {
            Jet.setLogLevel(LogLevel.WARN); // the binding's default
        }
    }
}
