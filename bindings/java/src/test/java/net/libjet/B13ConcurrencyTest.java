package net.libjet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/**
 * B13: 8 threads at once on shared sessions: 4 make service calls (address
 * changes, whose events flow meanwhile, and counter reads) and 4 subscribe
 * and unsubscribe; a steady subscription sees every event.
 */
class B13ConcurrencyTest extends WithSim {
    private static final int ROUNDS = 10;

    @Test
    void eightThreadsCallAndSubscribeWhileEventsFlow() throws Exception {
        AtomicInteger steady = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (Notifications session = Notifications.open(sim.notifications().build());
             Service service = Service.open(sim.service().build())) {
            String topic = Topics.ifa(Op.ALL, null, Topics.ANY, null, null);
            session.subscribe(topic, event -> steady.incrementAndGet());
            service.firewall().filterAdd(B08ServicesTest.demoFilter("java-b13"));
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                work.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < ROUNDS; i++) {
                        String address = "198.51.100." + (thread * ROUNDS + i + 1) + "/32";
                        service.interfaces().addressAdd("ge-0/0/3", 0, Family.INET, address);
                        service.firewall().counterGet("java-b13", "icmp-count");
                        service.interfaces().addressDelete("ge-0/0/3", 0, Family.INET, address);
                    }
                    return null;
                }));
                work.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < ROUNDS; i++) {
                        AtomicInteger calls = new AtomicInteger();
                        try (Subscription subscription = session.subscribe(topic, event -> calls.incrementAndGet())) {
                            assertTrue(subscription.id() > 0);
                        }
                        session.subscribePull(topic).close();
                        session.stats();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : work) {
                f.get(120, TimeUnit.SECONDS);
            }
            int expected = 4 * ROUNDS * 2;
            Waiting.until(() -> steady.get() >= expected, Duration.ofSeconds(60), "every address event delivered");
            assertEquals(expected, steady.get());
            service.firewall().filterDelete("java-b13", Family.INET);
        } finally {
            pool.shutdownNow();
        }
    }
}
