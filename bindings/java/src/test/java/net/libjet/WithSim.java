package net.libjet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** A test class with its own `jet sim` for all its tests (test classes run one after another). */
abstract class WithSim {
    static JetSim sim;

    @BeforeAll
    static void startSim() throws Exception {
        sim = JetSim.start();
    }

    @AfterAll
    static void stopSim() {
        sim.close();
    }
}
