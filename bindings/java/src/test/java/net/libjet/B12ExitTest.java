package net.libjet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** B12: a JVM whose listener received callbacks exits by itself when main returns, without closing anything. */
class B12ExitTest {
    @Test
    void aProgramThatReceivedCallbacksExitsByItself() throws Exception {
        try (Mosquitto broker = Mosquitto.start()) {
            String classpath = TestPaths.jar() + File.pathSeparator + TestPaths.testClasses();
            ChildJvm child = new ChildJvm(List.of("-Djava.library.path=" + System.getProperty("java.library.path")), classpath,
                    ExitProbe.class.getName(), Integer.toString(broker.port()));
            assertEquals("ready", child.readLine(), child.stderr());
            broker.publish("/junos/events/kernel/interfaces/ifd/add/ge-0/0/12", "{\"jet-event\": {\"event-id\": \"KERNEL_EVENT_IFD_ADD\"}}");
            assertEquals("event KERNEL_EVENT_IFD_ADD", child.readLine(), child.stderr());
            assertEquals("received", child.readLine());
            boolean exited = child.process().waitFor(20, TimeUnit.SECONDS);
            if (!exited) {
                child.process().destroyForcibly();
            }
            assertTrue(exited, "the child JVM did not exit by itself within 20 s");
            assertEquals(0, child.process().exitValue(), child.stderr());
            assertFalse(child.stderr().contains("WARNING in native method"), child.stderr());
            assertFalse(child.stderr().contains("FATAL"), child.stderr());
        }
    }
}
