package net.libjet.examples;

import java.util.ArrayList;
import java.util.List;

import net.libjet.Api;
import net.libjet.Generation;
import net.libjet.Jet;
import net.libjet.JetException;
import net.libjet.Service;
import net.libjet.ServiceOptions;

/**
 * Command-line options shared by the service examples, as
 * examples/c/service_args.c reads them:
 * --device HOST --port N --user U --password P [--client-id ID] [--ca FILE]
 * [--clear-text] [--api auto|jnx|legacy]; the other arguments are kept in
 * order in {@link #rest}.
 */
final class ServiceArgs {
    final ServiceOptions.Builder options = ServiceOptions.builder();
    final List<String> rest = new ArrayList<>();
    String user;

    private ServiceArgs() {}

    private static void usageError(String usage, String message, String argument) {
        System.err.print(message + " " + argument + "\n" + usage);
        System.exit(2);
    }

    private static String valueOf(String[] args, int i, String usage) {
        if (i + 1 >= args.length) {
            usageError(usage, "missing value after", args[i]);
        }
        return args[i + 1];
    }

    private static Api parseApi(String text, String usage) {
        switch (text) {
            case "auto": return Api.AUTO;
            case "jnx": return Api.JNX;
            case "legacy": return Api.LEGACY;
            default:
                usageError(usage, "--api takes auto, jnx or legacy, not", text);
                return Api.AUTO;
        }
    }

    private static int parsePort(String text, String usage) {
        if (text.matches("[+-]?\\d{1,9}")) {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        }
        usageError(usage, "--port takes 1 to 65535, not", text);
        return 0;
    }

    /** Parses the command line; prints a message and exits 2 on a usage error. */
    static ServiceArgs parse(String[] args, String usage) {
        ServiceArgs parsed = new ServiceArgs();
        String password = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--help":
                case "-h":
                    System.out.print(usage);
                    System.exit(0);
                    break;
                case "--device": parsed.options.device(valueOf(args, i++, usage)); break;
                case "--port": parsed.options.port(parsePort(valueOf(args, i++, usage), usage)); break;
                case "--user": parsed.user = valueOf(args, i++, usage); parsed.options.user(parsed.user); break;
                case "--password": password = valueOf(args, i++, usage); parsed.options.password(password); break;
                case "--client-id": parsed.options.clientId(valueOf(args, i++, usage)); break;
                case "--ca": parsed.options.tlsCaFile(valueOf(args, i++, usage)); break;
                case "--clear-text": parsed.options.clearText(true); break;
                case "--api": parsed.options.api(parseApi(valueOf(args, i++, usage), usage)); break;
                default:
                    if (parsed.rest.size() < 16) {
                        parsed.rest.add(arg); // an option of the example itself, or an operand
                    } else {
                        usageError(usage, "too many arguments at", arg);
                    }
            }
        }
        if (password != null && parsed.user == null) {
            usageError(usage, "--password needs", "--user");
        }
        return parsed;
    }

    /** Prints "PROGRAM: WHAT: STATUS: MESSAGE" on stderr, shuts libjet down and exits 1. */
    static void fail(String program, String what, JetException e) {
        System.err.print(program + ": " + what + ": " + Jet.statusName(e.status()) + ": " + e.getMessage() + "\n");
        Jet.shutdown();
        System.exit(1);
    }

    /** Opens the session, or exits 1 with the error on stderr. */
    Service open(String program) {
        try {
            return Service.open(options.build());
        } catch (JetException e) {
            fail(program, "login", e);
            return null;
        }
    }

    /** "jnx", "legacy" or "unknown". */
    static String generationName(Generation generation) {
        switch (generation) {
            case JNX: return "jnx";
            case LEGACY: return "legacy";
            default: return "unknown";
        }
    }
}
