package net.libjet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

/** What B3 and B4 check of the samples received, in publishing order. */
final class SampleChecks {
    private SampleChecks() {}

    /** Checks each received event against the sample published in its place. */
    static void check(List<Samples.Sample> samples, List<Event> events) throws Exception {
        assertEquals(samples.size(), events.size());
        for (int i = 0; i < samples.size(); i++) {
            Samples.Sample sample = samples.get(i);
            Event event = events.get(i);
            assertEquals(sample.topic(), event.topic());
            assertArrayEquals(sample.bytes(), event.raw(), sample.file().toString());
            if (sample.malformed()) {
                assertFalse(event.isParsed(), sample.file().toString());
                assertNotNull(event.parseError());
                assertNull(event.id());
                assertEquals("{}", event.attributesJson());
                JetException e = assertThrows(JetException.class, () -> event.attrString("name"));
                assertEquals(Status.PARSE_ERROR, e.status());
            } else {
                assertTrue(event.isParsed(), sample.file() + ": " + event.parseError());
                assertNull(event.parseError());
                assertNotNull(event.id(), sample.file().toString());
                assertEquals("r1", event.hostname(), sample.file().toString());
                assertNotNull(event.time(), sample.file().toString());
            }
            checkTyped(sample.file().getFileName().toString(), event);
        }
    }

    /** The typed header fields and attributes of the samples that show them. */
    private static void checkTyped(String name, Event event) {
        switch (name) {
            case "ifa-add.json":
                assertEquals("KERNEL_EVENT_IFA_ADD", event.id());
                assertEquals("2019-01-22-14:59:06", event.time());
                assertEquals("INFO", event.severity());
                assertEquals("KERNEL", event.facility());
                assertEquals("xe-0/0/0", event.attrString("name"));
                assertEquals(0, event.attrInt("subunit"));
                assertEquals(144, event.attrInt("generation-number"));
                assertEquals("\"192.0.2.1/32\"", event.attrJson("local-address"));
                assertEquals(List.of("broadcast-address", "destination-address", "family", "flags", "generation-number",
                        "local-address", "name", "subunit"), event.attributeNames());
                assertThrows(NotFoundException.class, () -> event.attrString("no-such-attribute"));
                assertEquals(Status.WRONG_TYPE, assertThrows(JetException.class, () -> event.attrStrings("name")).status());
                break;
            case "syslog-login.json":
                assertEquals("LOGIN_INFORMATION", event.id());
                assertEquals(13614, event.processId());
                assertEquals("login", event.processName());
                assertEquals("User 'lab' logged in from host 203.0.113.7 on device ttyp0", event.message());
                assertEquals("/dev/ttyp0", event.attrString("tty-name"));
                break;
            case "syslog-ui-commit.json":
                assertEquals(4250, event.attrInt("pid"));
                assertEquals("4250", event.attrString("pid"));
                assertEquals(4242, event.processId());
                break;
            case "route-add.json":
                assertEquals(List.of("192.0.2.2", "192.0.2.3"), event.attrStrings("nexthop-address"));
                assertEquals(0, event.attrInt("flags"));
                break;
            case "ifl-change.json":
                assertEquals(0, event.attrInt("subunit"));
                assertThrows(NotFoundException.class, event::processId);
                break;
            default:
                break;
        }
    }
}
