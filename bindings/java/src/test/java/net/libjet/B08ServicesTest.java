package net.libjet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * B8: services against jet sim: login (right and wrong password), address
 * add and delete (the device's events seen through notifications), a filter
 * of native types added, bound, its counter read, unbound, changed and
 * deleted; a policer; an operational command; a configuration load.
 */
class B08ServicesTest extends WithSim {

    /** The demo filter of examples/c/firewall.c as native types. */
    static Filter demoFilter(String name) {
        return Filter.of(name, Family.INET,
                Term.of("t1", Matches.builder().protocols("icmp").build(), Actions.builder().count("icmp-count").discard().build()),
                Term.of("t2", Actions.builder().accept().build()));
    }

    @Test
    void loginWithTheRightAndTheWrongPassword() {
        try (Service service = Service.open(sim.service().build())) {
            assertNotNull(service.clientId());
            assertNotEquals(Generation.UNKNOWN, service.generation(ServiceKind.AUTHENTICATION));
        }
        NotAuthorizedException e = assertThrows(NotAuthorizedException.class,
                () -> Service.open(sim.service().password("wrong-password").build()));
        assertEquals(Status.NOT_AUTHORIZED, e.status());
        assertFalse(e.getMessage().isEmpty());
    }

    @Test
    void addressAddAndDeleteAreSeenAsDeviceEvents() throws Exception {
        try (Notifications events = Notifications.open(sim.notifications().build());
             Subscription subscription = events.subscribePull(Topics.ifa(Op.ALL, "ge-0/0/1", 0, "inet", null));
             Service service = Service.open(sim.service().build())) {
            service.interfaces().addressAdd("ge-0/0/1", 0, Family.INET, "192.0.2.77/24");
            try (Event added = events.poll(Duration.ofSeconds(30))) {
                assertNotNull(added, "the device's IFA add event");
                assertEquals("KERNEL_EVENT_IFA_ADD", added.id());
                assertTrue(added.topic().startsWith("/junos/events/kernel/interfaces/ifa/add/ge-0/0/1.0/inet/192.0.2.77"), added.topic());
            }
            assertEquals(Generation.JNX, service.generation(ServiceKind.INTERFACES));
            service.interfaces().addressDelete("ge-0/0/1", 0, Family.INET, "192.0.2.77/24", Duration.ofSeconds(20));
            try (Event deleted = events.poll(Duration.ofSeconds(30))) {
                assertNotNull(deleted, "the device's IFA delete event");
                assertTrue(deleted.topic().startsWith("/junos/events/kernel/interfaces/ifa/delete/ge-0/0/1.0/inet/"), deleted.topic());
            }
            assertThrows(NotFoundException.class, () -> service.interfaces().addressDelete("ge-0/0/1", 0, Family.INET, "192.0.2.77/24"));
        }
    }

    @Test
    void filterWithNativeTypesBindCounterUnbindDelete() {
        String name = "java-b8-icmp";
        try (Service service = Service.open(sim.service().build())) {
            Firewall firewall = service.firewall();
            firewall.filterAdd(demoFilter(name));
            assertNotEquals(Generation.UNKNOWN, service.generation(ServiceKind.FIREWALL));
            firewall.bind(name, Family.INET, "ge-0/0/0.0", Direction.INPUT);
            Counter counter = firewall.counterGet(name, "icmp-count");
            assertTrue(counter.packets() >= 0 && counter.bytes() >= 0, counter.toString());
            assertTrue(firewall.countersGet(name).contains("\"icmp-count\""));
            firewall.counterClear(name, "icmp-count");
            firewall.filterModify(name, Family.INET, List.of(
                    TermChange.addAfter(Term.of("t1b", Matches.builder().protocols("tcp").destinationPorts("22", "830-831").build(),
                            Actions.builder().count("ssh-count").accept().build()), "t1")));
            assertTrue(firewall.countersGet(name).contains("\"ssh-count\""));
            firewall.filterReplace(demoFilter(name));
            firewall.unbind(name, Family.INET, "ge-0/0/0.0", Direction.INPUT);
            firewall.filterDelete(name, Family.INET);
            assertThrows(JetException.class, () -> firewall.counterGet(name, "icmp-count"));
        }
    }

    @Test
    void filterAsRawJson() {
        try (Service service = Service.open(sim.service().build())) {
            String json = demoFilter("java-b8-raw").toJson();
            assertEquals("{\"name\": \"java-b8-raw\", \"family\": \"inet\", \"terms\": [{\"name\": \"t1\", \"matches\": "
                    + "{\"protocols\": [\"icmp\"]}, \"actions\": {\"count\": \"icmp-count\", \"discard\": true}}, "
                    + "{\"name\": \"t2\", \"actions\": {\"accept\": true}}]}", json);
            service.firewall().filterAdd(json);
            service.firewall().filterDelete("java-b8-raw", Family.INET);
        }
    }

    @Test
    void policerAddModifyDelete() {
        try (Service service = Service.open(sim.service().build())) {
            Firewall firewall = service.firewall();
            firewall.policerAdd(Policer.twoColor("java-p1").bandwidth(10, "mbps").burst(100, "kbytes").discard().build());
            firewall.policerModify(Policer.twoColor("java-p1").bandwidth(20, "mbps").burst(100, "kbytes").lossPriority("high").build());
            firewall.policerDelete("java-p1", PolicerScope.TERM_SPECIFIC);
        }
    }

    @Test
    void operationalCommandAndConfigurationLoad() {
        try (Service service = Service.open(sim.service().build())) {
            String version = service.management().run("show version", CommandKind.CLI, OutputFormat.TEXT);
            assertFalse(version.isBlank());
            String json = service.management().run("show version", CommandKind.CLI, OutputFormat.JSON, Duration.ofSeconds(20));
            assertTrue(json.trim().startsWith("{"), json);
            service.management().load("set system host-name java-r1\n", ConfigFormat.SET, LoadType.MERGE, "java binding test");
        }
    }
}
