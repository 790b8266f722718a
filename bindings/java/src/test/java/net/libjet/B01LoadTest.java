package net.libjet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** B1: the library loads, its ABI version is checked, its version is reported. */
class B01LoadTest {
    @Test
    void loadsChecksAbiAndReportsVersion() {
        assertTrue(Jet.version().matches("\\d+\\.\\d+\\.\\d+.*"), Jet.version());
        assertEquals(Jet.bindingAbiVersion(), Jet.abiVersion());
        assertEquals(3, Jet.abiVersion());
        // Surefire sets java.library.path to the freshly built libjetjni.so.
        assertEquals("java.library.path", Jet.loadedFrom());
        assertEquals("JET_STATUS_TIMEOUT", Jet.statusName(Status.TIMEOUT));
        assertEquals("JET_STATUS_CANCELLED", Jet.statusName(Status.CANCELLED));
    }
}
