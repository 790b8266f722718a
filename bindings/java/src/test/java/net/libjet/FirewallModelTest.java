package net.libjet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The firewall model's JSON (README's filter JSON, src/service/firewall):
 * each native type writes the documented document, and libjet takes it.
 */
class FirewallModelTest extends WithSim {

    /** The full example of the schema's documentation. */
    static Filter edgeIn() {
        return Filter.of("edge-in", Family.INET,
                Term.of("ssh-from-management",
                        Matches.builder().sourceAddresses(AddressMatch.of("192.0.2.0/24"), AddressMatch.except("192.0.2.66/32"))
                                .protocols("tcp").destinationPorts(RangeMatch.of(22), RangeMatch.of("830-831")).build(),
                        Actions.builder().count("ssh-accepted").accept().build()),
                Term.of("ping", Matches.builder().protocols("icmp").icmpTypes("8").packetLengths("0-1500").build(),
                        Actions.builder().policer("icmp-1m").accept().build()),
                Term.of("fragments", Matches.builder().fragment("is-fragment").ttls("0-1").dscp(RangeMatch.except("46"))
                        .interfaces("ge-0/0/0.0").build(), Actions.builder().syslog().discard().build()),
                Term.of("rest", Actions.builder().log().reject("port-unreachable").build()));
    }

    @Test
    void filterJson() {
        assertEquals("{\"name\": \"edge-in\", \"family\": \"inet\", \"terms\": ["
                + "{\"name\": \"ssh-from-management\", \"matches\": {\"source-addresses\": [\"192.0.2.0/24\", "
                + "{\"prefix\": \"192.0.2.66/32\", \"except\": true}], \"protocols\": [\"tcp\"], \"destination-ports\": [\"22\", \"830-831\"]}, "
                + "\"actions\": {\"count\": \"ssh-accepted\", \"accept\": true}}, "
                + "{\"name\": \"ping\", \"matches\": {\"protocols\": [\"icmp\"], \"icmp-types\": [\"8\"], \"packet-lengths\": [\"0-1500\"]}, "
                + "\"actions\": {\"policer\": \"icmp-1m\", \"accept\": true}}, "
                + "{\"name\": \"fragments\", \"matches\": {\"ttls\": [\"0-1\"], \"dscp\": [{\"range\": \"46\", \"except\": true}], "
                + "\"interfaces\": [\"ge-0/0/0.0\"], \"fragment\": \"is-fragment\"}, \"actions\": {\"syslog\": true, \"discard\": true}}, "
                + "{\"name\": \"rest\", \"actions\": {\"log\": true, \"reject\": \"port-unreachable\"}}]}", edgeIn().toJson());
    }

    @Test
    void termChangesPolicerAndEscapingJson() {
        Term t = Term.of("t\"q", Actions.builder().routingInstance("blue").nextTerm().build());
        assertEquals("[{\"op\": \"add\", \"term\": {\"name\": \"t\\\"q\", \"actions\": {\"next-term\": true, \"routing-instance\": \"blue\"}}, "
                + "\"adjacency\": {\"after\": \"t1\"}}, {\"op\": \"delete\", \"term\": {\"name\": \"t3\"}}, "
                + "{\"op\": \"replace\", \"term\": {\"name\": \"t\\\"q\", \"actions\": {\"next-term\": true, \"routing-instance\": \"blue\"}}}, "
                + "{\"op\": \"add\", \"term\": {\"name\": \"t\\\"q\", \"actions\": {\"next-term\": true, \"routing-instance\": \"blue\"}}, "
                + "\"adjacency\": {\"before\": \"t2\"}}]",
                TermChange.toJson(List.of(TermChange.addAfter(t, "t1"), TermChange.delete("t3"), TermChange.replace(t),
                        TermChange.addBefore(t, "t2"))));
        assertEquals("{\"name\": \"p1\", \"two-color\": {\"bandwidth\": {\"value\": 10, \"unit\": \"mbps\"}, "
                + "\"burst\": {\"value\": 100, \"unit\": \"kbytes\"}, \"then\": {\"forwarding-class\": \"best-effort\"}}, \"scope\": \"filter-specific\"}",
                Policer.twoColor("p1").bandwidth(10, "mbps").burst(100, "kbytes").forwardingClass("best-effort")
                        .scope(PolicerScope.FILTER_SPECIFIC).build().toJson());
    }

    @Test
    void libjetTakesTheFullExample() {
        try (Service service = Service.open(sim.service().build())) {
            service.firewall().policerAdd(Policer.twoColor("icmp-1m").bandwidth(1, "mbps").burst(15, "kbytes").discard().build());
            service.firewall().filterAdd(edgeIn());
            service.firewall().filterModify("edge-in", Family.INET, List.of(TermChange.delete("ping")));
            service.firewall().filterDelete("edge-in", Family.INET);
            service.firewall().policerDelete("icmp-1m", PolicerScope.TERM_SPECIFIC);
        }
    }
}
