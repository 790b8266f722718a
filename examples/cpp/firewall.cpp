// firewall: installs a JET firewall filter on a Junos device, binds it to a
// logical interface, reads its counter, and removes it again.
// examples/c/firewall.c in C++ with jet.hpp: the same command line, the same
// output, the same exit statuses; the filter is built as C++ types.
//
//   firewall --device HOST --port N --user U --password P [--client-id ID]
//            [--ca FILE] [--clear-text] [--api auto|jnx|legacy]
//            --interface IFL
//
// Errors go to stderr ("firewall: <step>: <status>: <message>") with exit
// status 1, after removing what was installed; a bad command line exits 2.
//
// Build: make -C examples (see examples/Makefile), or
//   c++ -std=c++17 firewall.cpp $(pkg-config --cflags --libs jet) -pthread -o firewall
#include <jet.hpp>

#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>

namespace {

const char USAGE[] =
    "usage: firewall --device HOST --port N --user U --password P [--client-id ID]\n"
    "                [--ca FILE] [--clear-text] [--api auto|jnx|legacy] --interface IFL\n"
    "example: firewall --device 198.51.100.1 --user lab --password lab123 --ca device.pem \\\n"
    "                  --interface ge-0/0/0.0\n";

const char FILTER_NAME[] = "jet-demo-icmp";

[[noreturn]] void usage_error(const std::string &message)
{
    std::cerr << message << "\n" << USAGE;
    std::exit(2);
}

jet::api parse_api(const std::string &text)
{
    if (text == "auto") {
        return jet::api::automatic;
    }
    if (text == "jnx") {
        return jet::api::jnx;
    }
    if (text != "legacy") {
        usage_error("--api takes auto, jnx or legacy, not " + text);
    }
    return jet::api::legacy;
}

uint16_t parse_port(const std::string &text)
{
    char *end = nullptr;
    long port = std::strtol(text.c_str(), &end, 10);
    if (text.empty() || *end != '\0' || port < 1 || port > 65535) {
        usage_error("--port takes 1 to 65535, not " + text);
    }
    return static_cast<uint16_t>(port);
}

// The command line: the session's options, the user (for the first line)
// and the interface.
struct arguments {
    jet::service_options options;
    std::string user;
    std::string interface;
};

arguments parse_arguments(int argc, char **argv)
{
    arguments args;
    std::string password;
    for (int i = 1; i < argc; i++) {
        std::string arg = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) {
                usage_error("missing value after " + arg);
            }
            return argv[++i];
        };
        if (arg == "--help" || arg == "-h") {
            std::cout << USAGE;
            std::exit(0);
        } else if (arg == "--device") {
            args.options.device(value());
        } else if (arg == "--port") {
            args.options.port(parse_port(value()));
        } else if (arg == "--user") {
            args.user = value();
        } else if (arg == "--password") {
            password = value();
        } else if (arg == "--client-id") {
            args.options.client_id(value());
        } else if (arg == "--ca") {
            args.options.tls_ca_file(value());
        } else if (arg == "--clear-text") {
            args.options.clear_text(true);
        } else if (arg == "--api") {
            args.options.api(parse_api(value()));
        } else if (arg == "--interface") {
            args.interface = value();
        } else {
            usage_error("unknown argument " + arg);
        }
    }
    if (args.interface.empty()) {
        usage_error("--interface is required");
    }
    if (!password.empty() && args.user.empty()) {
        usage_error("--password needs --user");
    }
    if (!args.user.empty()) {
        args.options.credentials(args.user, password);
    }
    return args;
}

// jet-demo-icmp: t1 counts ICMP into icmp-count and discards it; t2 accepts the rest.
jet::firewall::filter demo_filter()
{
    jet::firewall::term count_icmp;
    count_icmp.name = "t1";
    count_icmp.protocols = {"icmp"};
    count_icmp.count = "icmp-count";
    count_icmp.action = jet::firewall::terminating::discard;
    jet::firewall::term accept_rest;
    accept_rest.name = "t2";
    accept_rest.action = jet::firewall::terminating::accept;
    return jet::firewall::filter{FILTER_NAME, jet::family::inet, {count_icmp, accept_rest}};
}

// Steps of the example; `added` and `bound` say what to undo after a failure.
struct demo {
    jet::service_session &session;
    const std::string &interface;
    bool added = false;
    bool bound = false;

    void run()
    {
        session.filter_add(demo_filter());
        added = true;
        std::printf("added filter %s (%s API)\n", FILTER_NAME,
                    std::string(jet::to_string(session.generation(jet::service::firewall))).c_str());
        step = "bind filter";
        session.filter_bind(FILTER_NAME, jet::family::inet, interface, jet::direction::input);
        bound = true;
        std::printf("bound %s to %s input\n", FILTER_NAME, interface.c_str());
        step = "read counter";
        jet::counter counter = session.counter_get(FILTER_NAME, "icmp-count");
        std::printf("counter icmp-count: %" PRIu64 " packets, %" PRIu64 " bytes\n", counter.packets, counter.bytes);
        step = "unbind filter";
        session.filter_unbind(FILTER_NAME, jet::family::inet, interface, jet::direction::input);
        bound = false;
        std::printf("unbound %s from %s\n", FILTER_NAME, interface.c_str());
        step = "delete filter";
        session.filter_delete(FILTER_NAME, jet::family::inet);
        added = false;
        std::printf("deleted filter %s\n", FILTER_NAME);
    }

    // Removes what was installed; errors here are not reported again.
    void undo() noexcept
    {
        try {
            if (bound) {
                session.filter_unbind(FILTER_NAME, jet::family::inet, interface, jet::direction::input);
            }
            if (added) {
                session.filter_delete(FILTER_NAME, jet::family::inet);
            }
        } catch (const jet::error &) {
        }
    }

    const char *step = "add filter";
};

int run(const arguments &args)
{
    jet::service_session session = [&] {
        try {
            return jet::service_session::open(args.options);
        } catch (const jet::error &e) {
            std::cerr << "firewall: login: " << e.what() << "\n";
            throw;
        }
    }();
    std::printf("logged in as %s (client %s, %s login)\n", args.user.empty() ? "(none)" : args.user.c_str(),
                session.client_id().c_str(),
                std::string(jet::to_string(session.generation(jet::service::authentication))).c_str());

    demo steps{session, args.interface};
    try {
        steps.run();
    } catch (const jet::error &e) {
        std::cerr << "firewall: " << steps.step << ": " << e.what() << "\n";
        steps.undo();
        throw;
    }
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    arguments args = parse_arguments(argc, argv);
    int status = 1;
    try {
        status = run(args);
    } catch (const jet::error &) {
        status = 1; // already reported
    }
    jet::shutdown();
    return status;
}
