// probe.cpp: probe.c through jet.hpp, built by the CMake consumer project
// against the installed header and jet::jet. Same command line and output.
#include <jet.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>

int main(int argc, char **argv)
{
    if (argc != 4) {
        std::cerr << "usage: probe_cpp MQTT_PORT GRPC_PORT ADDRESS/LEN\n";
        return 2;
    }
    std::printf("abi %u %d\n", static_cast<unsigned>(jet_abi_version()), JET_ABI_VERSION);
    try {
        auto notifications = jet::notification_session::open(
            jet::notification_options().port(static_cast<uint16_t>(std::atoi(argv[1]))));
        char *topic = nullptr;
        jet::detail::check(jet_topic_ifa(JET_OP_ADD, "ge-0/0/0", 0, "inet", argv[3], &topic));
        jet::subscription pull = notifications.subscribe_pull(jet::detail::take(topic));

        auto service = jet::service_session::open(jet::service_options()
                                                      .port(static_cast<uint16_t>(std::atoi(argv[2])))
                                                      .credentials("jet", "jet123")
                                                      .clear_text(true));
        service.interface_address_add("ge-0/0/0", 0, jet::family::inet, argv[3]);
        std::optional<jet::event> event = notifications.next(std::chrono::seconds(30));
        if (!event) {
            std::cerr << "probe_cpp: no event within 30 s\n";
            return 1;
        }
        std::printf("event %s %s\n", event->id().value_or("-").c_str(), event->topic().c_str());
        service.interface_address_delete("ge-0/0/0", 0, jet::family::inet, argv[3]);
    } catch (const jet::error &e) {
        std::cerr << "probe_cpp: " << e.what() << "\n";
        jet::shutdown();
        return 1;
    }
    std::ifstream maps("/proc/self/maps");
    std::string line, found = "none";
    while (std::getline(maps, line)) {
        auto slash = line.find('/');
        if (slash != std::string::npos && line.find("/libjet.so", slash) != std::string::npos) {
            found = line.substr(slash);
            break;
        }
    }
    std::printf("libjet: %s\n", found.c_str());
    jet::shutdown();
    return 0;
}
