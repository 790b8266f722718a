package net.libjet;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** A TCP server that accepts connections and never says a word: calls to it block until their deadline. */
final class SilentServer implements AutoCloseable {
    private final ServerSocket socket;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private final Semaphore connections = new Semaphore(0);

    SilentServer() throws IOException {
        socket = new ServerSocket();
        socket.bind(new InetSocketAddress("127.0.0.1", 0));
        Thread acceptor = new Thread(this::accept, "silent-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void accept() {
        try {
            while (true) {
                accepted.add(socket.accept());
                connections.release();
            }
        } catch (IOException e) {
            // closed
        }
    }

    /** The port on 127.0.0.1. */
    int port() {
        return socket.getLocalPort();
    }

    /** Waits until a client has connected (true) or 30 s passed (false). */
    boolean awaitConnection() throws InterruptedException {
        return connections.tryAcquire(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket s : accepted) {
            s.close();
        }
    }
}
