package net.libjet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** A test class with its own Mosquitto for all its tests (test classes run one after another). */
abstract class WithBroker {
    static Mosquitto broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = Mosquitto.start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    /** Options for a session on the broker. */
    static NotificationOptions.Builder onBroker() {
        return NotificationOptions.builder().port(broker.port());
    }
}
