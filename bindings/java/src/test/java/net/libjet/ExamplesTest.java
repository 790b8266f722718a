package net.libjet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/**
 * The Java examples beside their C twins (examples/c), on the same broker
 * and device: the same command line gives the same stdout, stderr and exit
 * status (generated client ids aside).
 */
class ExamplesTest {
    private static void assertSame(Run c, Run java) {
        assertEquals(c.status(), java.status(), "exit status; C stderr: " + c.stderr() + " Java stderr: " + java.stderr());
        assertEquals(c.stdout(), java.stdout(), "stdout");
        assertEquals(c.stderr(), java.stderr(), "stderr");
    }

    /** The output with the generated client id replaced. */
    private static Run withoutClientId(Run run) {
        return new Run(run.status(), run.stdout().replaceAll("\\(client [^,]+,", "(client ID,"), run.stderr());
    }

    @Test
    void watchPrintsWhatTheCWatchPrints() throws Exception {
        try (Mosquitto broker = Mosquitto.start()) {
            String port = Integer.toString(broker.port());
            int count = Samples.all().size();
            Run.Started c = Run.start(Run.cCommand("watch", "--port", port, "--count", Integer.toString(count)));
            Run.Started java = Run.start(Run.javaCommand("watch", "--port", port, "--count", Integer.toString(count), "/junos/events/#"));
            broker.awaitLog("Received SUBSCRIBE", 2, Duration.ofSeconds(60));
            Samples.publishAll(broker);
            Run cRun = c.finish();
            Run javaRun = java.finish();
            assertEquals(0, cRun.status(), cRun.stderr());
            assertEquals(count, cRun.stdout().lines().count());
            assertTrue(cRun.stdout().contains("PARSE-ERROR /junos/events/kernel/interfaces/ifd/add/ge-0/0/1 "), cRun.stdout());
            assertSame(cRun, javaRun);
        }
    }

    @Test
    void watchUsageErrorsAsInC() throws Exception {
        assertSame(Run.c("watch", "--port", "abc"), Run.java("watch", "--port", "abc"));
        assertSame(Run.c("watch", "--bogus"), Run.java("watch", "--bogus"));
        assertSame(Run.c("watch", "--password", "x"), Run.java("watch", "--password", "x"));
        assertSame(Run.c("watch", "--help"), Run.java("watch", "--help"));
        int closed = FreePort.pick();
        assertSame(Run.c("watch", "--port", Integer.toString(closed)), Run.java("watch", "--port", Integer.toString(closed)));
    }

    @Test
    void interfacesAsInC() throws Exception {
        try (JetSim sim = JetSim.start()) {
            String[] common = {"--port", Integer.toString(sim.grpcPort()), "--clear-text", "--user", JetSim.USER, "--password", JetSim.PASSWORD};
            for (String program : new String[] {"c", "java"}) {
                Run add = run(program, "interfaces", common, "--add", "ge-0/0/2.0", "inet", "203.0.113.9/24");
                assertEquals("added inet 203.0.113.9/24 on ge-0/0/2.0 (jnx API)\n", add.stdout(), add.stderr());
                Run delete = run(program, "interfaces", common, "--delete", "ge-0/0/2.0", "inet", "203.0.113.9/24");
                assertEquals("deleted inet 203.0.113.9/24 on ge-0/0/2.0 (jnx API)\n", delete.stdout(), delete.stderr());
            }
            assertSame(run("c", "interfaces", common, "--delete", "ge-0/0/2.0", "inet", "203.0.113.9/24"),
                    run("java", "interfaces", common, "--delete", "ge-0/0/2.0", "inet", "203.0.113.9/24"));
            assertSame(run("c", "interfaces", common, "--add", "ge-0/0/2", "inet", "203.0.113.9/24"),
                    run("java", "interfaces", common, "--add", "ge-0/0/2", "inet", "203.0.113.9/24"));
            assertSame(run("c", "interfaces", common, "--add", "ge-0/0/2.0", "inet7", "203.0.113.9/24"),
                    run("java", "interfaces", common, "--add", "ge-0/0/2.0", "inet7", "203.0.113.9/24"));
            assertSame(Run.c("interfaces"), Run.java("interfaces"));
            assertSame(Run.c("interfaces", "--port", "0"), Run.java("interfaces", "--port", "0"));
        }
    }

    @Test
    void firewallAsInC() throws Exception {
        try (JetSim sim = JetSim.start()) {
            String[] common = {"--port", Integer.toString(sim.grpcPort()), "--clear-text", "--user", JetSim.USER, "--password", JetSim.PASSWORD};
            Run c = withoutClientId(run("c", "firewall", common, "--interface", "ge-0/0/0.0"));
            Run java = withoutClientId(run("java", "firewall", common, "--interface", "ge-0/0/0.0"));
            assertEquals(0, c.status(), c.stderr());
            assertTrue(c.stdout().startsWith("logged in as jet (client ID, "), c.stdout());
            assertSame(c, java);
            assertSame(withoutClientId(run("c", "firewall", common, "--interface", "not-an-interface")),
                    withoutClientId(run("java", "firewall", common, "--interface", "not-an-interface")));
            assertSame(run("c", "firewall", new String[] {"--port", Integer.toString(sim.grpcPort()), "--clear-text", "--user", "jet",
                    "--password", "wrong"}, "--interface", "ge-0/0/0.0"),
                    run("java", "firewall", new String[] {"--port", Integer.toString(sim.grpcPort()), "--clear-text", "--user", "jet",
                            "--password", "wrong"}, "--interface", "ge-0/0/0.0"));
            assertSame(Run.c("firewall", "--api", "new"), Run.java("firewall", "--api", "new"));
        }
    }

    private static Run run(String language, String name, String[] common, String... rest) throws Exception {
        String[] args = new String[common.length + rest.length];
        System.arraycopy(common, 0, args, 0, common.length);
        System.arraycopy(rest, 0, args, common.length, rest.length);
        return language.equals("c") ? Run.c(name, args) : Run.java(name, args);
    }
}
