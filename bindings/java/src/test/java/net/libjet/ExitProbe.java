package net.libjet;

import java.util.concurrent.CountDownLatch;

/**
 * The child JVM of B12: subscribes on the broker at port args[0], prints
 * "ready", waits for one event, prints "received" and returns from main
 * without closing anything. The JVM must then exit by itself (libjet's
 * threads are daemons; the shutdown hook runs jet_shutdown).
 */
public final class ExitProbe {
    private ExitProbe() {}

    /** Entry point. */
    public static void main(String[] args) throws InterruptedException {
        CountDownLatch received = new CountDownLatch(1);
        Notifications session = Notifications.open(NotificationOptions.builder().port(Integer.parseInt(args[0])).build());
        session.subscribe(Topics.allEvents(), event -> {
            System.out.println("event " + event.id());
            received.countDown();
        });
        System.out.println("ready");
        System.out.flush();
        received.await();
        System.out.println("received");
        System.out.flush();
    }
}
