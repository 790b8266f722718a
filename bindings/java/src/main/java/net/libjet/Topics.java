package net.libjet;

import static net.libjet.Utf8.cstring;

/**
 * The MQTT topic filters of JET events, built and checked by libjet (the
 * jet_topic_* functions). A null name means "any"; {@link #ANY} as a
 * sub-unit or prefix length means "any".
 */
public final class Topics {
    /** "Any sub-unit" / "any prefix length" (JET_ANY). */
    public static final int ANY = -1;

    private Topics() {}

    /** Physical interface events: /junos/events/kernel/interfaces/ifd/OP/IFD (null ifd: any). */
    public static String ifd(Op op, String ifd) {
        return JniTopics.ifd(op.code(), cstring(ifd));
    }

    /** Logical interface events; {@code subUnit} is required (not ANY) when {@code ifd} is given. */
    public static String ifl(Op op, String ifd, long subUnit) {
        return JniTopics.ifl(op.code(), cstring(ifd), subUnit);
    }

    /** Interface family events, e.g. family "inet", "inet6". */
    public static String iff(Op op, String ifd, long subUnit, String family) {
        return JniTopics.iff(op.code(), cstring(ifd), subUnit, cstring(family));
    }

    /** Interface address events; {@code address} is "192.0.2.1/24", "2001:db8::1/64" or without "/len". */
    public static String ifa(Op op, String ifd, long subUnit, String family, String address) {
        return JniTopics.ifa(op.code(), cstring(ifd), subUnit, cstring(family), cstring(address));
    }

    /** Firewall filter events: /junos/events/kernel/firewall/filter/OP/FILTER. */
    public static String firewallFilter(Op op, String filter) {
        return JniTopics.firewallFilter(op.code(), cstring(filter));
    }

    /** Route events; {@code prefixLength} is 0-128 or ANY. */
    public static String route(Op op, String family, String address, int prefixLength) {
        return JniTopics.route(op.code(), cstring(family), cstring(address), prefixLength);
    }

    /** Route table events: /junos/events/kernel/route-table/OP/TABLE/LR. */
    public static String routeTable(Op op, String table, String logicalRouter) {
        return JniTopics.routeTable(op.code(), cstring(table), cstring(logicalRouter));
    }

    /** Syslog events with {@code eventId} (e.g. "UI_COMMIT"), or all syslog events for null. */
    public static String syslog(String eventId) {
        return JniTopics.syslog(cstring(eventId));
    }

    /** Every JET event: "/junos/events/#". */
    public static String allEvents() {
        return JniTopics.fixed(0);
    }

    /** Every kernel event: "/junos/events/kernel/#". */
    public static String allKernelEvents() {
        return JniTopics.fixed(1);
    }

    /** Configuration commits: "/junos/events/genpub/config-update". */
    public static String configUpdate() {
        return JniTopics.fixed(2);
    }

    /**
     * Checks that {@code filter} is a valid MQTT topic filter.
     *
     * @throws InvalidArgumentException naming the problem
     */
    public static void validate(String filter) {
        JniTopics.validate(cstring(filter));
    }

    /** Whether {@code topic} matches the MQTT filter {@code filter}. */
    public static boolean matches(String filter, String topic) {
        return JniTopics.matches(cstring(filter), cstring(topic));
    }
}
