// quickstart: the README's C++ quick start. Adds an address to a device's
// interface and prints the interface-address events the device publishes
// until Enter is pressed.
//
//   quickstart [DEVICE]     (TLS with device.pem, login lab/lab123, as in the README)
#include <jet.hpp>

#include <iostream>

int main(int argc, char **argv)
{
    const char *host = argc > 1 ? argv[1] : "198.51.100.1";
    try {
        auto device = jet::service_session::open(
            jet::service_options().device(host).credentials("lab", "lab123").tls_ca_file("device.pem"));
        auto events = jet::notification_session::open(jet::notification_options().device(host));
        jet::subscription sub =
            events.subscribe("/junos/events/kernel/interfaces/ifa/#", [](const jet::event_view &event) {
                std::cout << event.id().value_or("-") << " " << event.attributes_json() << std::endl;
            });
        device.interface_address_add("ge-0/0/0", 0, jet::family::inet, "192.0.2.1/24");
        std::cin.get(); // events arrive on libjet's thread meanwhile
    } catch (const jet::error &e) { // the owners above are released by now
        std::cerr << "quickstart: " << e.what() << " (device code " << e.device_code() << ")\n";
        jet::shutdown();
        return 1;
    }
    jet::shutdown();
    return 0;
}
