package net.libjet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

/** Loopback ports for the tests' servers. */
final class FreePort {
    private FreePort() {}

    /** A port free on 127.0.0.1 right now. */
    static int pick() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until something accepts connections on {@code port}, or fails after {@code limit}. */
    static void awaitListening(int port, Duration limit, Process process) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the server exited before listening on port " + port);
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("nothing listens on port " + port + " after " + limit);
                }
                Thread.sleep(20);
            }
        }
    }
}
