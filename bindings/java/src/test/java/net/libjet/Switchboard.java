package net.libjet;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.HashSet;
import java.util.Set;

/**
 * A TCP proxy on a free loopback port that carries each connection to the
 * port it is told. Moving it to another port cuts every connection it
 * carries, so that a client sees one device go away and another answer on
 * the same address: a device reboot, without reusing a port.
 */
final class Switchboard implements AutoCloseable {
    private final ServerSocket server;
    private final Object lock = new Object();
    private final Set<Socket> sockets = new HashSet<>();
    private int target;
    private int epoch; // counts the moves; a connection made before one is dropped
    private boolean closed;

    /** Listens on a free loopback port, carrying to {@code target}. */
    Switchboard(int target) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.target = target;
        daemon("switchboard", this::serve);
    }

    /** The port clients connect to. */
    int port() {
        return server.getLocalPort();
    }

    /** Carries new connections to {@code target} and cuts the open ones. */
    void moveTo(int target) {
        synchronized (lock) {
            this.target = target;
            epoch++;
            cut();
        }
    }

    /** Stops listening and cuts every connection. */
    @Override
    public void close() {
        quietly(server);
        synchronized (lock) {
            closed = true;
            cut();
        }
    }

    private void cut() {
        sockets.forEach(Switchboard::quietly);
        sockets.clear();
    }

    private void serve() {
        while (true) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            daemon("switchboard carry", () -> carry(client));
        }
    }

    /** Connects {@code client} to the current target and copies both ways. */
    private void carry(Socket client) {
        int to;
        int seen;
        synchronized (lock) {
            to = target;
            seen = epoch;
            sockets.add(client);
        }
        Socket upstream = null;
        try {
            upstream = new Socket(InetAddress.getLoopbackAddress(), to);
            upstream.setTcpNoDelay(true);
            client.setTcpNoDelay(true);
        } catch (IOException e) {
            quietly(upstream);
            upstream = null;
        }
        synchronized (lock) {
            if (upstream == null || seen != epoch || closed) {
                quietly(client);
                quietly(upstream);
                return;
            }
            sockets.add(upstream);
        }
        Socket device = upstream;
        daemon("switchboard pipe", () -> pipe(device, client));
        pipe(client, device);
    }

    /** Copies {@code from} to {@code to} until either ends, then closes both. */
    private static void pipe(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
        } catch (IOException e) {
            // Cut: the closing below is all there is to do.
        } finally {
            quietly(from);
            quietly(to);
        }
    }

    private static void daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void quietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            // Already closed or cut.
        }
    }
}
