package net.libjet.examples;

import net.libjet.Actions;
import net.libjet.Counter;
import net.libjet.Direction;
import net.libjet.Family;
import net.libjet.Filter;
import net.libjet.Jet;
import net.libjet.JetException;
import net.libjet.Matches;
import net.libjet.Service;
import net.libjet.ServiceKind;
import net.libjet.Term;

/**
 * firewall: installs a JET firewall filter on a Junos device, binds it to a
 * logical interface, reads its counter, and removes it again; the Java twin
 * of examples/c/firewall.c.
 *
 * <pre>firewall --device HOST --port N --user U --password P [--client-id ID]
 *          [--ca FILE] [--clear-text] [--api auto|jnx|legacy]
 *          --interface IFL</pre>
 *
 * The filter, jet-demo-icmp (family inet), built from the native types:
 * term t1 counts ICMP into counter icmp-count and discards it; term t2
 * accepts everything else. One line is printed per step; errors go to
 * stderr with a non-zero exit (and the filter is removed if it was added).
 */
public final class Firewall {
    private static final String USAGE =
            "usage: firewall --device HOST --port N --user U --password P [--client-id ID]\n"
            + "                [--ca FILE] [--clear-text] [--api auto|jnx|legacy] --interface IFL\n"
            + "example: firewall --device 198.51.100.1 --user lab --password lab123 --ca device.pem \\\n"
            + "                  --interface ge-0/0/0.0\n";
    private static final String FILTER_NAME = "jet-demo-icmp";
    private static final Filter FILTER = Filter.of(FILTER_NAME, Family.INET,
            Term.of("t1", Matches.builder().protocols("icmp").build(), Actions.builder().count("icmp-count").discard().build()),
            Term.of("t2", Actions.builder().accept().build()));

    private final Service session;
    private final String iface;
    private boolean added;
    private boolean bound;

    private Firewall(Service session, String iface) {
        this.session = session;
        this.iface = iface;
    }

    /** A step: runs it, or reports it, removes what was installed and exits 1. */
    private void step(String name, Runnable action) {
        try {
            action.run();
        } catch (JetException e) {
            System.err.print("firewall: " + name + ": " + Jet.statusName(e.status()) + ": " + e.getMessage() + "\n");
            try {
                if (bound) {
                    session.firewall().unbind(FILTER_NAME, Family.INET, iface, Direction.INPUT);
                }
                if (added) {
                    session.firewall().filterDelete(FILTER_NAME, Family.INET);
                }
            } catch (JetException cleanup) {
                // As in C: the clean-up's own failure is not reported.
            }
            session.close();
            Jet.shutdown();
            System.exit(1);
        }
    }

    private String generation() {
        return ServiceArgs.generationName(session.generation(ServiceKind.FIREWALL));
    }

    private void run(String user) {
        System.out.print("logged in as " + (user != null ? user : "(none)") + " (client " + session.clientId() + ", "
                + ServiceArgs.generationName(session.generation(ServiceKind.AUTHENTICATION)) + " login)\n");
        step("add filter", () -> session.firewall().filterAdd(FILTER));
        added = true;
        System.out.print("added filter " + FILTER_NAME + " (" + generation() + " API)\n");
        step("bind filter", () -> session.firewall().bind(FILTER_NAME, Family.INET, iface, Direction.INPUT));
        bound = true;
        System.out.print("bound " + FILTER_NAME + " to " + iface + " input\n");
        Counter[] counter = new Counter[1];
        step("read counter", () -> counter[0] = session.firewall().counterGet(FILTER_NAME, "icmp-count"));
        System.out.print("counter icmp-count: " + Long.toUnsignedString(counter[0].packets()) + " packets, "
                + Long.toUnsignedString(counter[0].bytes()) + " bytes\n");
        bound = false;
        step("unbind filter", () -> session.firewall().unbind(FILTER_NAME, Family.INET, iface, Direction.INPUT));
        System.out.print("unbound " + FILTER_NAME + " from " + iface + "\n");
        added = false;
        step("delete filter", () -> session.firewall().filterDelete(FILTER_NAME, Family.INET));
        System.out.print("deleted filter " + FILTER_NAME + "\n");
    }

    /** Entry point. */
    public static void main(String[] argv) {
        QuietLog.unlessAsked();
        ServiceArgs args = ServiceArgs.parse(argv, USAGE);
        if (args.rest.size() != 2 || !args.rest.get(0).equals("--interface")) {
            System.err.print(USAGE);
            System.exit(2);
        }
        Service session = args.open("firewall");
        new Firewall(session, args.rest.get(1)).run(args.user);
        session.close();
        Jet.shutdown();
    }
}
