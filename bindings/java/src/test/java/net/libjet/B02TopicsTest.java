package net.libjet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * B2: every topic builder, with defaults and with arguments, gives the
 * string the C functions give (the jet.h documentation and the device's
 * topics of tests/data/events/topics.tsv); bad arguments give a clear error.
 */
class B02TopicsTest {
    /** The topic, or "error STATUS" as the C side prints it. */
    private static String show(java.util.function.Supplier<String> builder) {
        try {
            return builder.get();
        } catch (JetException e) {
            return "error " + Jet.statusName(e.status());
        }
    }

    @Test
    void everyBuilderGivesWhatCGives() throws Exception {
        String c = CProgram.run(CProgram.build("topics", "bindings/java/src/test/c/topics.c"));
        List<String> java = List.of(
                show(Topics::allEvents),
                show(Topics::allKernelEvents),
                show(Topics::configUpdate),
                show(() -> Topics.ifd(Op.ADD, null)),
                show(() -> Topics.ifd(Op.ALL, null)),
                show(() -> Topics.ifd(Op.ADD, "ge-0/0/0")),
                show(() -> Topics.ifl(Op.CHANGE, null, Topics.ANY)),
                show(() -> Topics.ifl(Op.CHANGE, "ge-0/0/0", 0)),
                show(() -> Topics.ifl(Op.ADD, "ge-0/0/0", Topics.ANY)),
                show(() -> Topics.iff(Op.ADD, null, Topics.ANY, null)),
                show(() -> Topics.iff(Op.ADD, "ge-0/0/0", 0, "inet6")),
                show(() -> Topics.ifa(Op.DELETE, null, Topics.ANY, null, null)),
                show(() -> Topics.ifa(Op.ADD, "xe-0/0/0", 0, "inet", "192.0.2.1/32")),
                show(() -> Topics.ifa(Op.ALL, "xe-0/0/0", 0, "inet", null)),
                show(() -> Topics.firewallFilter(Op.ADD, null)),
                show(() -> Topics.firewallFilter(Op.ADD, "filter-by-jet")),
                show(() -> Topics.route(Op.ADD, null, null, Topics.ANY)),
                show(() -> Topics.route(Op.ADD, "inet", "198.51.100.0", 24)),
                show(() -> Topics.route(Op.ADD, "inet", "198.51.100.0", 129)),
                show(() -> Topics.routeTable(Op.ADD, null, null)),
                show(() -> Topics.routeTable(Op.ADD, "blue.inet.0", "default")),
                show(() -> Topics.syslog(null)),
                show(() -> Topics.syslog("UI_CHILD_STATUS")),
                show(() -> Topics.ifd(Op.ADD, "ge-0/0/0/+")));
        assertEquals(c, String.join("\n", java) + "\n");
        // The device's own topics (topics.tsv) among them.
        assertTrue(java.contains("/junos/events/kernel/interfaces/ifa/add/xe-0/0/0.0/inet/192.0.2.1/32"), java.toString());
        assertTrue(java.contains("/junos/events/kernel/route-table/add/blue.inet.0/default"), java.toString());
    }

    @Test
    void everyBuiltTopicMatchesItsSample() throws Exception {
        for (Samples.Sample sample : Samples.all()) {
            assertTrue(Topics.matches(Topics.allEvents(), sample.topic()), sample.topic());
        }
        assertTrue(Topics.matches(Topics.ifa(Op.ADD, null, Topics.ANY, null, null),
                "/junos/events/kernel/interfaces/ifa/add/xe-0/0/0.0/inet/192.0.2.1/32"));
        assertFalse(Topics.matches(Topics.ifd(Op.DELETE, null), "/junos/events/kernel/interfaces/ifd/add/ge-0/0/0"));
    }

    @Test
    void badArgumentsGiveAClearError() {
        InvalidArgumentException noUnit = assertThrows(InvalidArgumentException.class, () -> Topics.ifl(Op.ADD, "ge-0/0/0", Topics.ANY));
        assertTrue(noUnit.getMessage().contains("sub_unit is required"), noUnit.getMessage());
        assertEquals(Status.INVALID_ARGUMENT, noUnit.status());
        assertThrows(InvalidArgumentException.class, () -> Topics.ifd(Op.ADD, "ge-0/0/0/+"));
        assertThrows(InvalidArgumentException.class, () -> Topics.route(Op.ADD, "inet", "198.51.100.0", 129));
        assertThrows(InvalidArgumentException.class, () -> Topics.validate("/junos/#/events"));
        assertThrows(InvalidArgumentException.class, () -> Topics.ifd(Op.ADD, "ge\0bad"));
        Topics.validate("/junos/events/+/interfaces/#");
    }
}
