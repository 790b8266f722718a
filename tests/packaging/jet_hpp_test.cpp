// Tests of include/jet.hpp against `jet sim`, run by scripts/test-packaging
// (built with g++ and clang++, -Werror, against the installed header and
// libjet.so, and run under valgrind).
//
//   jet_hpp_test MQTT_PORT GRPC_PORT
//
// Prints "ok <test>" or "FAIL <test>: <why>" per test and exits 1 if any failed.
#include <jet.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

using namespace std::chrono_literals;

// Ownership by construction: no owner can be copied, every owner can be moved.
static_assert(!std::is_copy_constructible_v<jet::notification_session>);
static_assert(!std::is_copy_assignable_v<jet::notification_session>);
static_assert(!std::is_copy_constructible_v<jet::service_session>);
static_assert(!std::is_copy_constructible_v<jet::event>);
static_assert(!std::is_copy_constructible_v<jet::subscription>);
static_assert(std::is_nothrow_move_constructible_v<jet::notification_session>);
static_assert(std::is_nothrow_move_assignable_v<jet::notification_session>);
static_assert(std::is_nothrow_move_constructible_v<jet::service_session>);
static_assert(std::is_nothrow_move_constructible_v<jet::event>);
static_assert(std::is_nothrow_move_assignable_v<jet::event>);
static_assert(std::is_nothrow_move_constructible_v<jet::subscription>);

namespace {

uint16_t mqtt_port = 0;
uint16_t grpc_port = 0;
int failures = 0;
int next_address = 10;

struct failure {
    std::string why;
};

void expect(bool condition, const std::string &why)
{
    if (!condition) {
        throw failure{why};
    }
}

void run(const char *name, const std::function<void()> &test)
{
    try {
        test();
        std::printf("ok %s\n", name);
    } catch (const failure &f) {
        std::printf("FAIL %s: %s\n", name, f.why.c_str());
        failures++;
    } catch (const std::exception &e) {
        std::printf("FAIL %s: unexpected exception: %s\n", name, e.what());
        failures++;
    }
    std::fflush(stdout);
}

jet::notification_session notifications()
{
    return jet::notification_session::open(jet::notification_options().port(mqtt_port));
}

jet::service_session service()
{
    return jet::service_session::open(
        jet::service_options().port(grpc_port).credentials("jet", "jet123").clear_text(true));
}

// A fresh address for each use, so that tests do not see each other's events.
std::string fresh_address() { return "198.51.100." + std::to_string(next_address++) + "/24"; }

// The IFA-add topic of `address` on ge-0/0/0.0 ("": any address).
std::string ifa_topic(const std::string &address)
{
    char *topic = nullptr;
    jet::detail::check(jet_topic_ifa(JET_OP_ADD, "ge-0/0/0", 0, "inet", address.empty() ? nullptr : address.c_str(),
                                     &topic));
    return jet::detail::take(topic);
}

// Adds then deletes `address`: one IFA-add event.
void flap(jet::service_session &device, const std::string &address)
{
    device.interface_address_add("ge-0/0/0", 0, jet::family::inet, address);
    device.interface_address_delete("ge-0/0/0", 0, jet::family::inet, address);
}

// Expects `call` to throw jet::error with `status`; returns it.
jet::error expect_error(jet_status_t status, const std::function<void()> &call)
{
    try {
        call();
    } catch (const jet::error &e) {
        expect(e.status() == status, std::string("expected ") + jet_status_str(status) + ", got " + e.what());
        return e;
    }
    throw failure{std::string("expected ") + jet_status_str(status) + ", nothing was thrown"};
}

// Events counted by callbacks, waited for without racing.
struct counter {
    std::mutex lock;
    std::condition_variable changed;
    int events = 0;
    std::vector<std::string> errors;

    void add_event()
    {
        std::lock_guard<std::mutex> guard(lock);
        events++;
        changed.notify_all();
    }

    bool wait_for(int wanted)
    {
        std::unique_lock<std::mutex> guard(lock);
        return changed.wait_for(guard, 30s, [&] { return events >= wanted; });
    }
};

void test_event_move()
{
    auto session = notifications();
    auto device = service();
    std::string address = fresh_address();
    auto pull = session.subscribe_pull(ifa_topic(address));
    flap(device, address);
    std::optional<jet::event> received = session.next(30s);
    expect(received.has_value(), "no event within 30 s");
    jet::event first = std::move(*received);
    expect(received->c_event() == nullptr, "a moved-from event still holds its handle");
    expect(received->topic().empty(), "a moved-from event has a topic");
    expect(first.id() == std::optional<std::string>("KERNEL_EVENT_IFA_ADD"), "wrong id");
    jet::event copy = first.clone();
    expect(copy.c_event() != first.c_event(), "clone() shares the handle");
    first = std::move(copy); // frees first's own event, takes the clone
    std::string local = address.substr(0, address.find('/')) + "/32";
    expect(first.attr_string("local-address") == local,
           "wrong local-address: " + first.attr_string("local-address").value_or("(absent)"));
    expect(!first.attr_string("no-such-attribute").has_value(), "an absent attribute was found");
    expect(first.attr_int("subunit") == std::optional<int64_t>(0), "subunit is not 0");
    expect_error(JET_STATUS_WRONG_TYPE, [&] { first.attr_string("subunit"); });
}

void test_session_move_and_close()
{
    auto first = notifications();
    jet::notification_session second = std::move(first);
    expect(!first.is_open() && second.is_open(), "the move did not transfer the session");
    expect_error(JET_STATUS_CLOSED, [&] { first.client_id(); });
    expect(!second.client_id().empty(), "no client id");
    second.close();
    second.close(); // nothing to close the second time
    expect_error(JET_STATUS_CLOSED, [&] { second.state(); });

    auto device = service();
    jet::service_session other = std::move(device);
    expect(!device.is_open() && other.is_open(), "the move did not transfer the service session");
    other = service(); // closes the session it held
    expect(other.is_open(), "move assignment lost the new session");
}

void test_subscription_ends_with_scope()
{
    auto session = notifications();
    auto token = std::make_shared<int>(0);
    {
        jet::subscription sub = session.subscribe("/junos/events/kernel/#", [token](const jet::event_view &) {});
        expect(token.use_count() == 2, "the callback does not hold its capture");
        jet::subscription moved = std::move(sub);
        expect(sub.id() == 0 && moved.id() != 0, "the move did not transfer the subscription");
    }
    // Unsubscribed on return: the callback has been released.
    expect(token.use_count() == 1, "the callback was not released when its subscription went");

    jet::subscription outlives = session.subscribe("/junos/events/kernel/#", [token](const jet::event_view &) {});
    session.close(); // closing the session releases its callbacks
    expect(token.use_count() == 1, "closing the session did not release the callback");
    outlives.unsubscribe(); // the session is gone: nothing to do, no error
}

void test_exceptions()
{
    jet::error refused = expect_error(JET_STATUS_NOT_AUTHORIZED, [] {
        jet::service_session::open(
            jet::service_options().port(grpc_port).credentials("jet", "wrong").clear_text(true));
    });
    expect(!refused.message().empty(), "no message");
    expect(std::string(refused.what()).rfind("JET_STATUS_NOT_AUTHORIZED: ", 0) == 0,
           std::string("what() does not start with the status: ") + refused.what());
    expect(refused.status_name() == "JET_STATUS_NOT_AUTHORIZED", "status_name()");

    auto device = service();
    jet::error bad_json = expect_error(JET_STATUS_INVALID_ARGUMENT, [&] {
        device.filter_add(R"({"name": "f", "family": "inet", "terms": [{"name": "t", "matches": {"ports": [70000]}}]})");
    });
    expect(bad_json.message().find("70000") != std::string::npos, "the message does not name the mistake: " +
                                                                       bad_json.message());
    expect(bad_json.grpc_code() == -1, "a refused argument has a gRPC code");

    jet::error missing = expect_error(JET_STATUS_NOT_FOUND, [&] {
        device.interface_address_delete("ge-0/0/0", 0, jet::family::inet, "203.0.113.99/24");
    });
    expect(missing.grpc_code() == jet_last_error_grpc_code() && missing.device_code() == jet_last_error_device_code(),
           "the codes differ from the thread's last error");

    expect_error(JET_STATUS_INVALID_ARGUMENT,
                 [&] { device.interface_address_add("ge-0/0/0", 0, jet::family::inet, std::string("192.0.2.1\0/24", 13)); });
    expect_error(JET_STATUS_INVALID_ARGUMENT, [&] { device.run("show version", jet::command_kind::cli,
                                                                jet::output_format::text, -1ms); });
    expect_error(JET_STATUS_INVALID_ARGUMENT, [&] { device.purge_timer_set(0s); });
    expect_error(JET_STATUS_NULL_ARGUMENT, [] { notifications().subscribe("/junos/events/#", {}); });
}

void test_throwing_callback()
{
    auto session = notifications();
    auto device = service();
    counter seen;
    std::string address = fresh_address();
    auto sub = session.subscribe(
        ifa_topic(""),
        [&seen](const jet::event_view &) {
            seen.add_event();
            bool first = false;
            {
                std::lock_guard<std::mutex> guard(seen.lock);
                first = seen.events == 1;
            }
            if (first) {
                throw std::runtime_error("thrown by the first callback");
            }
        },
        [&seen](std::exception_ptr thrown) {
            try {
                std::rethrow_exception(thrown);
            } catch (const std::exception &e) {
                std::lock_guard<std::mutex> guard(seen.lock);
                seen.errors.emplace_back(e.what());
            }
        });
    flap(device, address);
    flap(device, fresh_address());
    expect(seen.wait_for(2), "the stream stopped after the callback threw: " + std::to_string(seen.events) +
                                 " event(s) within 30 s");
    std::lock_guard<std::mutex> guard(seen.lock);
    expect(seen.errors == std::vector<std::string>{"thrown by the first callback"},
           "the error handler did not get exactly the one exception");
}

// Inline callbacks run on libjet's network thread, where a call that blocks
// (here: a subscription, which waits for the broker) is refused.
void test_inline_callbacks()
{
    auto session = jet::notification_session::create(jet::notification_options().port(mqtt_port));
    session.set_inline_callbacks(true);
    session.connect();
    expect_error(JET_STATUS_INVALID_ARGUMENT, [&] { session.set_inline_callbacks(false); });
    auto device = service();
    counter seen;
    jet_status_t refused = JET_STATUS_OK;
    auto sub = session.subscribe(ifa_topic(""), [&](const jet::event_view &) {
        jet_status_t status = JET_STATUS_OK;
        try {
            session.subscribe_pull("/junos/events/#");
        } catch (const jet::error &e) {
            status = e.status();
        }
        {
            std::lock_guard<std::mutex> guard(seen.lock);
            refused = status;
        }
        seen.add_event();
    });
    flap(device, fresh_address());
    expect(seen.wait_for(1), "no event within 30 s");
    std::lock_guard<std::mutex> guard(seen.lock);
    expect(refused == JET_STATUS_WOULD_DEADLOCK,
           std::string("a subscription from an inline callback gave ") + jet_status_str(refused));
}

void test_callback_closes_its_session()
{
    auto session = std::make_unique<jet::notification_session>(notifications());
    auto device = service();
    counter seen;
    auto sub = session->subscribe(ifa_topic(""), [&](const jet::event_view &) {
        session->close(); // a callback may close its own session
        seen.add_event();
    });
    flap(device, fresh_address());
    expect(seen.wait_for(1), "no event within 30 s");
    expect(!session->is_open(), "the session is still open");
}

void test_pull_timeout()
{
    auto session = notifications();
    auto pull = session.subscribe_pull(ifa_topic("203.0.113.1/24"));
    auto started = std::chrono::steady_clock::now();
    std::optional<jet::event> none = session.next(50ms);
    expect(!none.has_value(), "an event arrived for an address nobody added");
    expect(std::chrono::steady_clock::now() - started >= 50ms, "next() returned before its timeout");
}

void test_firewall_model()
{
    jet::firewall::term count_icmp;
    count_icmp.name = "t1";
    count_icmp.protocols = {"icmp"};
    count_icmp.source_addresses = {{"192.0.2.0/24"}, {"192.0.2.128/25", true}};
    count_icmp.destination_ports = {80, {"1024-65535", true}};
    count_icmp.count = "icmp-count";
    count_icmp.action = jet::firewall::terminating::discard;
    jet::firewall::term rest;
    rest.name = "t2";
    rest.action = jet::firewall::terminating::accept;
    jet::firewall::filter filter{"jet-hpp-test", jet::family::inet, {count_icmp, rest}};
    std::string expected =
        R"({"name": "jet-hpp-test", "family": "inet", "terms": [{"name": "t1", "matches": {"source-addresses": )"
        R"(["192.0.2.0/24", {"prefix": "192.0.2.128/25", "except": true}], "destination-ports": [80, )"
        R"({"range": "1024-65535", "except": true}], "protocols": ["icmp"]}, "actions": {"discard": true, )"
        R"("count": "icmp-count"}}, {"name": "t2", "matches": {}, "actions": {"accept": true}}]})";
    expect(filter.to_json() == expected, "to_json():\n" + filter.to_json() + "\nexpected:\n" + expected);
    jet::firewall::filter quoted{"a\"b\\c\n", jet::family::inet6, {}};
    expect(quoted.to_json() == R"({"name": "a\"b\\c\u000a", "family": "inet6", "terms": []})",
           "escaping: " + quoted.to_json());

    auto device = service();
    device.filter_add(filter);
    std::string counters = device.counters_get("jet-hpp-test");
    expect(counters.find("\"icmp-count\"") != std::string::npos, "counters: " + counters);
    jet::counter icmp = device.counter_get("jet-hpp-test", "icmp-count");
    expect(icmp.packets == 0 && icmp.bytes == 0, "a new counter is not zero");
    device.filter_replace(R"({"name": "jet-hpp-test", "family": "inet", "terms": [{"name": "t2", "actions": {"accept": true}}]})");
    device.filter_delete("jet-hpp-test", jet::family::inet);
    expect(device.generation(jet::service::firewall) != jet::generation::unknown, "generation unknown after calls");
}

// A loopback TCP proxy to the device whose connections the test cuts, as a
// link that drops would; later connections are forwarded again.
class proxy {
public:
    explicit proxy(uint16_t upstream) : upstream_(upstream)
    {
        listener_ = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address = loopback(0);
        socklen_t size = sizeof address;
        expect(listener_ >= 0 && bind(listener_, reinterpret_cast<sockaddr *>(&address), size) == 0 &&
                   listen(listener_, 16) == 0 &&
                   getsockname(listener_, reinterpret_cast<sockaddr *>(&address), &size) == 0,
               "the proxy cannot listen");
        port_ = ntohs(address.sin_port);
        acceptor_ = std::thread([this] { accept_loop(); });
    }

    proxy(const proxy &) = delete;
    proxy &operator=(const proxy &) = delete;

    ~proxy()
    {
        stopping_ = true;
        shutdown(listener_, SHUT_RDWR);
        acceptor_.join();
        cut();
        for (std::thread &pump : pumps_) {
            pump.join();
        }
        for (int fd : sockets_) {
            close(fd);
        }
        close(listener_);
    }

    uint16_t port() const { return port_; }

    // Cuts every connection now open.
    void cut()
    {
        std::lock_guard<std::mutex> guard(lock_);
        for (int fd : sockets_) {
            shutdown(fd, SHUT_RDWR);
        }
    }

private:
    static sockaddr_in loopback(uint16_t port)
    {
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        address.sin_port = htons(port);
        return address;
    }

    void accept_loop()
    {
        while (!stopping_) {
            int client = accept(listener_, nullptr, nullptr);
            if (client < 0) {
                continue;
            }
            int server = socket(AF_INET, SOCK_STREAM, 0);
            sockaddr_in device = loopback(upstream_);
            if (server < 0 || connect(server, reinterpret_cast<sockaddr *>(&device), sizeof device) != 0) {
                close(client);
                if (server >= 0) {
                    close(server);
                }
                continue;
            }
            {
                std::lock_guard<std::mutex> guard(lock_);
                sockets_.push_back(client);
                sockets_.push_back(server);
            }
            pumps_.emplace_back(pump, client, server);
            pumps_.emplace_back(pump, server, client);
        }
    }

    // Copies `from` to `to` until either ends, then ends both.
    static void pump(int from, int to)
    {
        char buffer[16384];
        ssize_t got = 0;
        while ((got = read(from, buffer, sizeof buffer)) > 0) {
            for (ssize_t sent = 0; sent < got;) {
                ssize_t n = send(to, buffer + sent, static_cast<size_t>(got - sent), MSG_NOSIGNAL);
                if (n <= 0) {
                    got = 0;
                    break;
                }
                sent += n;
            }
        }
        shutdown(from, SHUT_RDWR);
        shutdown(to, SHUT_RDWR);
    }

    uint16_t upstream_;
    uint16_t port_ = 0;
    int listener_ = -1;
    std::atomic<bool> stopping_{false};
    std::mutex lock_;
    std::vector<int> sockets_;
    std::vector<std::thread> pumps_;
    std::thread acceptor_;
};

// State reports, waited for without racing.
struct reports {
    std::mutex lock;
    std::condition_variable changed;
    std::vector<jet::state_report> seen;

    void add(const jet::state_report &report)
    {
        std::lock_guard<std::mutex> guard(lock);
        seen.push_back(report);
        changed.notify_all();
    }

    std::optional<jet::state_report> first(std::chrono::seconds within)
    {
        std::unique_lock<std::mutex> guard(lock);
        if (!changed.wait_for(guard, within, [&] { return !seen.empty(); })) {
            return std::nullopt;
        }
        return seen.front();
    }
};

bool holds(const std::vector<std::string> &entries, const std::string &entry)
{
    for (const std::string &e : entries) {
        if (e == entry) {
            return true;
        }
    }
    return false;
}

// A session opened with state_mode::reapply loses its link; the device
// purges its filter (purge timer 1 s); the session reconnects, adds the
// filter again and reports it purged and re-applied, through jet.hpp.
void test_state_report_after_reconnect()
{
    const std::string name = "jet-hpp-state";
    const std::string filter =
        R"({"name": ")" + name + R"(", "family": "inet", "terms": [{"name": "t", "actions": {"accept": true}}]})";
    auto observer = service();
    auto exists = [&] {
        try {
            observer.counters_get(name);
            return true;
        } catch (const jet::error &e) {
            expect(e.status() == JET_STATUS_REFUSED, std::string("counters_get: ") + e.what());
            return false;
        }
    };
    auto wait_until = [](const std::function<bool()> &condition) {
        for (int i = 0; i < 600 && !condition(); i++) {
            std::this_thread::sleep_for(50ms);
        }
        return condition();
    };

    proxy link(grpc_port);
    reports got;
    auto session = jet::service_session::open(jet::service_options()
                                                  .port(link.port())
                                                  .credentials("jet", "jet123")
                                                  .clear_text(true)
                                                  .client_id("jet-hpp-state")
                                                  .state(jet::state_mode::reapply));
    session.on_state_report([&](const jet::state_report &report) { got.add(report); });
    session.purge_timer_set(1s);
    session.filter_add(filter);
    expect(exists(), "the filter was not added");

    link.cut();
    expect(wait_until([&] { return !exists(); }), "the device did not purge the filter after the cut");
    // The call that reconnects; the check runs after it.
    session.purge_timer_get();
    std::optional<jet::state_report> report = got.first(60s);
    expect(report.has_value(), "no state report within 60 s of the reconnect");
    expect(holds(report->purged, "filter " + name), "purged does not list the filter");
    expect(holds(report->reapplied, "filter " + name), "reapplied does not list the filter");
    expect(report->failed.empty(), "failed: " + (report->failed.empty() ? "" : report->failed.front()));
    expect(exists(), "the device does not have the filter again");

    session.on_state_report({});
    session.filter_delete(name, jet::family::inet);
    session.purge_timer_delete();
}

} // namespace

int main(int argc, char **argv)
{
    if (argc != 3) {
        std::fprintf(stderr, "usage: jet_hpp_test MQTT_PORT GRPC_PORT\n");
        return 2;
    }
    mqtt_port = static_cast<uint16_t>(std::atoi(argv[1]));
    grpc_port = static_cast<uint16_t>(std::atoi(argv[2]));
    run("abi_matches", [] { expect(jet::abi_matches(), "the library's ABI differs from the header's"); });
    run("event_move", test_event_move);
    run("session_move_and_close", test_session_move_and_close);
    run("subscription_ends_with_scope", test_subscription_ends_with_scope);
    run("exceptions", test_exceptions);
    run("throwing_callback", test_throwing_callback);
    run("callback_closes_its_session", test_callback_closes_its_session);
    run("inline_callbacks", test_inline_callbacks);
    run("pull_timeout", test_pull_timeout);
    run("firewall_model", test_firewall_model);
    run("state_report_after_reconnect", test_state_report_after_reconnect);
    jet::shutdown();
    return failures == 0 ? 0 : 1;
}
