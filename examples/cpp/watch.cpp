// watch: prints the Junos JET notifications a device publishes, one line per
// event. examples/c/watch.c in C++ with jet.hpp: the same command line, the
// same output, the same exit statuses.
//
//   watch [--device HOST] [--port N] [--user U --password P] [--count N] [TOPIC...]
//
// For each event it prints "<event-id> <topic> <attributes as compact JSON>",
// or "PARSE-ERROR <topic> <byte count>" for a payload that is not a JET
// event. With --count N it exits after N events; otherwise it runs until
// SIGINT or SIGTERM. Exit status: 0 when done, 1 when libjet reports an
// error, 2 for a bad command line.
//
// Build: make -C examples (see examples/Makefile), or
//   c++ -std=c++17 watch.cpp $(pkg-config --cflags --libs jet) -pthread -o watch
#include <jet.hpp>

#include <climits>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <mutex>
#include <pthread.h>
#include <string>
#include <thread>
#include <vector>

namespace {

const char USAGE[] =
    "usage: watch [--device HOST] [--port N] [--user U --password P] [--count N] [TOPIC...]\n"
    "Prints the JET notifications a Junos device publishes, one line per event:\n"
    "  <event-id> <topic> <attributes as JSON>   or   PARSE-ERROR <topic> <bytes>\n"
    "  --device HOST  the device (its MQTT broker); default 127.0.0.1\n"
    "  --port N       the broker's port; default 1883\n"
    "  --user U       user name, when the device asks for one\n"
    "  --password P   password of --user\n"
    "  --count N      exit after N events; default: run until SIGINT or SIGTERM\n"
    "  TOPIC          MQTT topic filters to watch; default /junos/events/#\n";

// What the command line asks for.
struct settings {
    std::string device = "127.0.0.1";
    long port = 1883;
    std::string user, password;
    long count = 0; // 0: no limit
    std::vector<std::string> topics;
};

[[noreturn]] void usage_error(const std::string &problem)
{
    std::cerr << "watch: " << problem << "\n" << USAGE;
    std::exit(2);
}

long parse_number(const std::string &option, const std::string &text, long min, long max)
{
    char *end = nullptr;
    errno = 0;
    long value = std::strtol(text.c_str(), &end, 10);
    if (errno != 0 || end == text.c_str() || *end != '\0' || value < min || value > max) {
        usage_error(option + " wants a number from " + std::to_string(min) + " to " + std::to_string(max) + ": " +
                    text);
    }
    return value;
}

settings parse_arguments(int argc, char **argv)
{
    settings s;
    bool options_done = false;
    for (int i = 1; i < argc; i++) {
        std::string arg = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) {
                usage_error("missing value after: " + arg);
            }
            return argv[++i];
        };
        if (options_done || arg.size() < 2 || arg[0] != '-') {
            s.topics.push_back(arg);
        } else if (arg == "--") {
            options_done = true;
        } else if (arg == "--help" || arg == "-h") {
            std::cout << USAGE;
            std::exit(0);
        } else if (arg == "--device") {
            s.device = value();
        } else if (arg == "--port") {
            s.port = parse_number(arg, value(), 1, 65535);
        } else if (arg == "--user") {
            s.user = value();
        } else if (arg == "--password") {
            s.password = value();
        } else if (arg == "--count") {
            s.count = parse_number(arg, value(), 1, LONG_MAX);
        } else {
            usage_error("unknown option: " + arg);
        }
    }
    if (s.device.empty()) {
        usage_error("--device must not be empty");
    }
    if (!s.password.empty() && s.user.empty()) {
        usage_error("--password needs --user");
    }
    if (s.topics.empty()) {
        s.topics.emplace_back("/junos/events/#");
    }
    return s;
}

// What the callbacks, the signal thread and the main thread share.
struct watcher {
    std::mutex lock;
    std::condition_variable changed;
    long limit = 0;
    long printed = 0;
    bool stopping = false;

    void stop()
    {
        std::lock_guard<std::mutex> guard(lock);
        stopping = true;
        changed.notify_all();
    }
};

void print_event(const jet::event_view &event)
{
    if (event.parsed()) {
        std::printf("%s %s %s\n", event.id().value_or("-").c_str(), event.topic().c_str(),
                    event.attributes_json().c_str());
    } else {
        std::printf("PARSE-ERROR %s %zu\n", event.topic().c_str(), event.raw().size());
    }
    std::fflush(stdout);
}

int watch(const settings &s, watcher &w, sigset_t signals)
{
    jet::notification_options options;
    options.device(s.device).port(static_cast<uint16_t>(s.port));
    if (!s.user.empty()) {
        options.credentials(s.user, s.password);
    }
    jet::notification_session session = [&] {
        try {
            return jet::notification_session::open(options);
        } catch (const jet::error &e) {
            std::cerr << "watch: cannot connect to " << s.device << " port " << s.port << ": " << e.what() << "\n";
            throw;
        }
    }();

    std::vector<jet::subscription> subscriptions;
    for (const std::string &topic : s.topics) {
        try {
            subscriptions.push_back(session.subscribe(topic, [&w](const jet::event_view &event) {
                // Runs on a libjet dispatcher thread, one event at a time.
                std::lock_guard<std::mutex> guard(w.lock);
                if (w.stopping) {
                    return;
                }
                print_event(event);
                if (w.limit > 0 && ++w.printed >= w.limit) {
                    w.stopping = true;
                    w.changed.notify_all();
                }
            }));
        } catch (const jet::error &e) {
            std::cerr << "watch: cannot subscribe to " << topic << ": " << e.what() << "\n";
            throw;
        }
    }

    std::thread signal_thread([&w, signals] {
        int number = 0;
        sigwait(&signals, &number);
        w.stop();
    });
    {
        std::unique_lock<std::mutex> guard(w.lock);
        w.changed.wait(guard, [&w] { return w.stopping; });
    }
    // Wakes the signal thread if no signal came (harmless if one did).
    pthread_kill(signal_thread.native_handle(), SIGTERM);
    signal_thread.join();
    return 0; // the session closes here, after its running callback
}

} // namespace

int main(int argc, char **argv)
{
    settings s = parse_arguments(argc, argv);
    watcher w;
    w.limit = s.count;
    // Only the signal thread takes SIGINT and SIGTERM (libjet's threads,
    // started later, inherit the mask).
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    int status = 1;
    try {
        status = watch(s, w, signals);
    } catch (const jet::error &) {
        status = 1; // already reported
    }
    jet::shutdown();
    return status;
}
