package net.libjet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

/**
 * JET state across a reconnect (B8, services): a session opened with a
 * state mode adds and binds a filter on a device; the device reboots (a
 * fresh jet sim takes over the address the session uses, with none of its
 * state); the session's next call makes libjet check, report and, in
 * REAPPLY, add the filter again.
 */
class B08StateAcrossReconnectTest {
    private static final String FILTER = "java-state-icmp";
    /** libjet's report entry for FILTER. */
    private static final String ENTRY = "filter " + FILTER;
    /** Generous: CI is a loaded 2-core machine. */
    private static final Duration WITHIN = Duration.ofSeconds(30);

    /** A device behind a switchboard, and a session through it that added and bound the demo filter. */
    private static final class Rig implements AutoCloseable {
        final BlockingQueue<StateReport> reports = new LinkedBlockingQueue<>();
        private JetSim device;
        private Switchboard board;
        private Service session;

        /** {@code listener} null: the reports go to {@link #reports}. */
        Rig(StateMode mode, Consumer<StateReport> listener) throws IOException {
            try {
                device = JetSim.start();
                board = new Switchboard(device.grpcPort());
                session = Service.open(device.service().port(board.port()).state(mode).build());
                session.onStateReport(listener == null ? reports::add : listener);
                session.firewall().filterAdd(B08ServicesTest.demoFilter(FILTER));
                session.firewall().bind(FILTER, Family.INET, "ge-0/0/0.0", Direction.INPUT);
            } catch (IOException | RuntimeException e) {
                close();
                throw e;
            }
        }

        Firewall firewall() {
            return session.firewall();
        }

        /** Replaces the device with a fresh one on the session's address; the old one stops. */
        void reboot() throws IOException {
            JetSim fresh = JetSim.start();
            JetSim old = device;
            device = fresh;
            board.moveTo(fresh.grpcPort());
            old.close();
        }

        /** Makes an operational command until the device answers (a call may fail while the session reconnects). */
        void answered() throws InterruptedException {
            long deadline = System.nanoTime() + WITHIN.toNanos();
            while (true) {
                try {
                    session.management().run("show version", CommandKind.CLI, OutputFormat.TEXT, Duration.ofSeconds(5));
                    return;
                } catch (JetException e) {
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError("no answer after the reboot within " + WITHIN, e);
                    }
                    Thread.sleep(50);
                }
            }
        }

        /** The session's next report. */
        StateReport report() throws InterruptedException {
            StateReport report = reports.poll(WITHIN.toMillis(), TimeUnit.MILLISECONDS);
            assertNotNull(report, "a state report after the reconnect");
            return report;
        }

        @Override
        public void close() {
            if (session != null) {
                session.close();
            }
            if (board != null) {
                board.close();
            }
            if (device != null) {
                device.close();
            }
        }
    }

    @Test
    void reapplyAddsAndBindsThePurgedFilterAgain() throws Exception {
        try (Rig rig = new Rig(StateMode.REAPPLY, null)) {
            rig.reboot();
            rig.answered();
            StateReport report = rig.report();
            assertEquals(List.of(ENTRY), report.purged(), report.toString());
            assertEquals(List.of(ENTRY), report.reapplied(), report.toString());
            assertTrue(report.present().isEmpty() && report.failed().isEmpty(), report.toString());
            // The fresh device has the filter again: adding it is refused, and it is bound.
            JetException again = assertThrows(JetException.class, () -> rig.firewall().filterAdd(B08ServicesTest.demoFilter(FILTER)));
            assertTrue(again.status() == Status.REFUSED || again.status() == Status.ALREADY_EXISTS, again.toString());
            rig.firewall().unbind(FILTER, Family.INET, "ge-0/0/0.0", Direction.INPUT);
            rig.firewall().filterDelete(FILTER, Family.INET);
        }
    }

    @Test
    void reportNamesThePurgedFilterAndAThrowingListenerIsLogged() throws Exception {
        try (LogCapture log = new LogCapture();
             Rig rig = new Rig(StateMode.REPORT, null)) {
            rig.session.onStateReport(report -> {
                rig.reports.add(report);
                throw new IllegalStateException("state report listener failure");
            });
            rig.reboot();
            rig.answered();
            StateReport report = rig.report();
            assertEquals(List.of(ENTRY), report.purged(), report.toString());
            assertTrue(report.reapplied().isEmpty() && report.present().isEmpty() && report.failed().isEmpty(), report.toString());
            assertThrows(UnsupportedOperationException.class, () -> report.purged().add("x"));
            // Report only: the device is left without the filter, so adding it succeeds.
            rig.firewall().filterAdd(B08ServicesTest.demoFilter(FILTER));
            rig.firewall().filterDelete(FILTER, Family.INET);
            Waiting.until(() -> log.contains("state report listener failure"), WITHIN, "the listener's failure logged");
            assertTrue(log.contains("a state report listener threw"));
        }
    }

    @Test
    void offMakesNoReport() throws Exception {
        try (Rig rig = new Rig(StateMode.OFF, null)) {
            rig.reboot();
            rig.answered();
            rig.answered();
            // With OFF libjet decides within each call, before it returns, that
            // there is nothing to check, and starts no check: once the calls
            // above returned no report can come, so a short grace is enough.
            assertNull(rig.reports.poll(200, TimeUnit.MILLISECONDS));
        }
    }

    @Test
    void aNullModeIsRefusedAndTheListenerGoesWithTheSession() throws Exception {
        assertThrows(NullPointerException.class, () -> ServiceOptions.builder().state(null));
        try (JetSim device = JetSim.start()) {
            Service session = Service.open(device.service().state(StateMode.REAPPLY).build());
            session.onStateReport(report -> { });
            session.onStateReport(null);
            session.close();
            assertThrows(ClosedException.class, () -> session.onStateReport(report -> { }));
        }
    }
}
