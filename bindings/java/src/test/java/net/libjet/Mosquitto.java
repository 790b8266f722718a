package net.libjet;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real Mosquitto broker on a free loopback port, with its own config and
 * log (log_type all, so tests can wait for a client's SUBSCRIBE). Samples
 * are published with mosquitto_pub.
 */
final class Mosquitto implements AutoCloseable {
    private final Path dir;
    private final int port;
    private Process process;

    private Mosquitto(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** Starts a broker and returns once it accepts connections. */
    static Mosquitto start() throws IOException, InterruptedException {
        Mosquitto broker = new Mosquitto(Files.createTempDirectory("jet-java-mosquitto-"), FreePort.pick());
        broker.launch();
        return broker;
    }

    private void launch() throws IOException, InterruptedException {
        Path config = dir.resolve("mosquitto.conf");
        Files.writeString(config, String.join("\n",
                "per_listener_settings false",
                "user root",
                "log_dest file " + log(),
                "log_type all",
                "persistence false",
                "allow_anonymous true",
                "listener " + port + " 127.0.0.1",
                ""));
        process = new ProcessBuilder("mosquitto", "-c", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("mosquitto.out").toFile())
                .start();
        FreePort.awaitListening(port, Duration.ofSeconds(20), process);
    }

    private Path log() {
        return dir.resolve("mosquitto.log");
    }

    /** The broker's port on 127.0.0.1. */
    int port() {
        return port;
    }

    /** Stops the broker (the port stays this broker's for {@link #restart()}). */
    void stop() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }

    /** Starts it again on the same port. */
    void restart() throws IOException, InterruptedException {
        launch();
    }

    /** Publishes the file {@code payload} on {@code topic} (QoS 0) and waits for mosquitto_pub. */
    void publish(String topic, Path payload) throws IOException, InterruptedException {
        run(List.of("mosquitto_pub", "-h", "127.0.0.1", "-p", Integer.toString(port), "-t", topic, "-f", payload.toString()));
    }

    /** Publishes {@code payload} on {@code topic}. */
    void publish(String topic, String payload) throws IOException, InterruptedException {
        run(List.of("mosquitto_pub", "-h", "127.0.0.1", "-p", Integer.toString(port), "-t", topic, "-m", payload));
    }

    /**
     * Publishes each of {@code lines} as one message on {@code topic}, in
     * order, from one mosquitto_pub (-l, QoS 1: it ends once the broker has all).
     */
    void publishLines(String topic, List<String> lines) throws IOException, InterruptedException {
        byte[] input = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        run(List.of("mosquitto_pub", "-h", "127.0.0.1", "-p", Integer.toString(port), "-q", "1", "-t", topic, "-l"), input);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        run(command, new byte[0]);
    }

    /** Runs {@code command} with {@code input} on its standard input; fails unless it exits 0. */
    private static void run(List<String> command, byte[] input) throws IOException, InterruptedException {
        Process pub = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (OutputStream stdin = pub.getOutputStream()) {
            stdin.write(input);
        }
        String output = new String(pub.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (pub.waitFor() != 0) {
            throw new IllegalStateException(command + " failed: " + output);
        }
    }

    /** Waits until the log has {@code count} lines containing {@code text} (e.g. "Received SUBSCRIBE"). */
    void awaitLog(String text, int count, Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (countLog(text) < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the broker log has fewer than " + count + " lines with '" + text + "':\n"
                        + Files.readString(log()));
            }
            Thread.sleep(20);
        }
    }

    /** How many log lines contain {@code text}. */
    long countLog(String text) throws IOException {
        if (!Files.exists(log())) {
            return 0;
        }
        return Files.readAllLines(log()).stream().filter(line -> line.contains(text)).count();
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            Waiting.forExit(process);
        }
    }

}
