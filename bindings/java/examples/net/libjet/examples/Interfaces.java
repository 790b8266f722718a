package net.libjet.examples;

import net.libjet.Family;
import net.libjet.Jet;
import net.libjet.JetException;
import net.libjet.Service;
import net.libjet.ServiceKind;

/**
 * interfaces: adds or deletes an address on a logical interface of a Junos
 * device; the Java twin of examples/c/interfaces.c.
 *
 * <pre>interfaces --device HOST --port N --user U --password P [--client-id ID]
 *            [--ca FILE] [--clear-text] [--api auto|jnx|legacy]
 *            --add|--delete IFL FAMILY ADDRESS/LEN</pre>
 *
 * Prints one line saying what was done and which IDL generation the device
 * spoke; errors go to stderr with a non-zero exit.
 */
public final class Interfaces {
    private static final String USAGE =
            "usage: interfaces --device HOST --port N --user U --password P [--client-id ID]\n"
            + "                  [--ca FILE] [--clear-text] [--api auto|jnx|legacy]\n"
            + "                  --add|--delete IFL FAMILY ADDRESS/LEN\n"
            + "example: interfaces --device 198.51.100.1 --user lab --password lab123 --ca device.pem \\\n"
            + "                    --add ge-0/0/0.0 inet 192.0.2.1/24\n";

    private Interfaces() {}

    /** Entry point. */
    public static void main(String[] argv) {
        QuietLog.unlessAsked();
        ServiceArgs args = ServiceArgs.parse(argv, USAGE);
        if (args.rest.size() != 4 || !(args.rest.get(0).equals("--add") || args.rest.get(0).equals("--delete"))) {
            System.err.print(USAGE);
            System.exit(2);
        }
        boolean add = args.rest.get(0).equals("--add");
        String ifl = args.rest.get(1);
        int dot = ifl.lastIndexOf('.');
        String unitText = dot < 0 ? "" : ifl.substring(dot + 1);
        if (dot <= 0 || !unitText.matches("\\+?\\d{1,10}") || Long.parseLong(unitText) > 0xFFFF_FFFFL || dot >= 256) {
            System.err.print("interfaces: '" + ifl + "' is not a logical interface such as ge-0/0/0.0\n");
            System.exit(2);
        }
        String ifd = ifl.substring(0, dot);
        int unit = (int) Long.parseLong(unitText);
        String familyName = args.rest.get(2);
        Family family = familyName.equals("inet") ? Family.INET : familyName.equals("inet6") ? Family.INET6 : null;
        if (family == null) {
            System.err.print("interfaces: family must be inet or inet6, not '" + familyName + "'\n");
            System.exit(2);
        }
        String address = args.rest.get(3);

        Service session = args.open("interfaces");
        try {
            if (add) {
                session.interfaces().addressAdd(ifd, unit, family, address);
            } else {
                session.interfaces().addressDelete(ifd, unit, family, address);
            }
        } catch (JetException e) {
            session.close();
            ServiceArgs.fail("interfaces", add ? "add address" : "delete address", e);
        }
        String generation = ServiceArgs.generationName(session.generation(ServiceKind.INTERFACES));
        System.out.print((add ? "added" : "deleted") + " " + familyName + " " + address + " on " + ifl + " (" + generation + " API)\n");
        session.close();
        Jet.shutdown();
    }
}
