package net.libjet;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The device simulator, `jet sim`, on free loopback ports (user jet, password jet123). */
final class JetSim implements AutoCloseable {
    static final String USER = "jet";
    static final String PASSWORD = "jet123";
    private static final Pattern PORTS = Pattern.compile("jet sim: mqtt 127\\.0\\.0\\.1:(\\d+) grpc 127\\.0\\.0\\.1:(\\d+)");

    private final Process process;
    private final int mqttPort;
    private final int grpcPort;

    private JetSim(Process process, int mqttPort, int grpcPort) {
        this.process = process;
        this.mqttPort = mqttPort;
        this.grpcPort = grpcPort;
    }

    /** Starts the simulator and returns once it printed its ports. */
    static JetSim start(String... extra) throws IOException {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(TestPaths.jetTool().toString(), "sim",
                "--mqtt-port", "0", "--grpc-port", "0", "--user", USER, "--password", PASSWORD, "--quiet"));
        command.addAll(java.util.List.of(extra));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        Matcher m = line == null ? null : PORTS.matcher(line);
        if (m == null || !m.find()) {
            process.destroy();
            throw new IllegalStateException("jet sim did not print its ports: " + line);
        }
        return new JetSim(process, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /** The embedded broker's port. */
    int mqttPort() {
        return mqttPort;
    }

    /** The JET (gRPC) port. */
    int grpcPort() {
        return grpcPort;
    }

    /** Options for a clear-text session as user jet. */
    ServiceOptions.Builder service() {
        return ServiceOptions.builder().device("127.0.0.1").port(grpcPort).clearText(true).user(USER).password(PASSWORD);
    }

    /** Options for a notification session on the simulator's broker. */
    NotificationOptions.Builder notifications() {
        return NotificationOptions.builder().device("127.0.0.1").port(mqttPort);
    }

    @Override
    public void close() {
        process.destroy();
        Waiting.forExit(process);
    }

}
