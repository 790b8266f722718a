package net.libjet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/**
 * B10: Thread.interrupt() on a thread blocked in a libjet call ends the call
 * within 100 ms (measured from the interrupt to the call's return, on a
 * thread known to be blocked inside the native call) with a
 * CancelledException saying so.
 */
class B10CancellationTest extends WithBroker {
    private static final long BOUND_NS = TimeUnit.MILLISECONDS.toNanos(100);

    /** A thread running {@code call}; completes with what it threw and records when it returned. */
    private static final class Caller {
        final CompletableFuture<Throwable> failure = new CompletableFuture<>();
        final AtomicLong returnedAt = new AtomicLong();
        final Thread thread;

        Caller(Runnable call) {
            thread = new Thread(() -> {
                try {
                    call.run();
                    returnedAt.set(System.nanoTime());
                    failure.complete(null);
                } catch (Throwable t) {
                    returnedAt.set(System.nanoTime());
                    failure.complete(t);
                }
            }, "b10-caller");
            thread.start();
        }
    }

    /** Waits until {@code thread} runs native method {@code owner.method} (its top frame). */
    private static void awaitInNative(Thread thread, Class<?> owner, String method) throws InterruptedException {
        Waiting.until(() -> {
            StackTraceElement[] stack = thread.getStackTrace();
            return stack.length > 0 && stack[0].isNativeMethod() && stack[0].getClassName().equals(owner.getName())
                    && stack[0].getMethodName().equals(method);
        }, Duration.ofSeconds(30), "blocked in " + owner.getSimpleName() + "." + method);
    }

    /** Interrupts a caller known to be blocked and checks it returned cancelled within the bound. */
    private static void interruptAndCheck(Caller caller) throws Exception {
        long interruptedAt = System.nanoTime();
        caller.thread.interrupt();
        Throwable failure = caller.failure.get(30, TimeUnit.SECONDS);
        long elapsed = caller.returnedAt.get() - interruptedAt;
        CancelledException cancelled = assertInstanceOf(CancelledException.class, failure);
        assertEquals(Status.CANCELLED, cancelled.status());
        assertTrue(cancelled.getMessage().contains("interrupted"), cancelled.getMessage());
        assertTrue(elapsed < BOUND_NS, "returned " + TimeUnit.NANOSECONDS.toMillis(elapsed) + " ms after the interrupt");
        caller.thread.join();
    }

    @Test
    void interruptEndsABlockedServiceCall() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            Caller caller = new Caller(() -> Service.open(ServiceOptions.builder().port(silent.port()).clearText(true).user("jet")
                    .password("jet123").connectTimeout(Duration.ofSeconds(120)).callTimeout(Duration.ofSeconds(120)).build()));
            assertTrue(silent.awaitConnection(), "the call connected to the silent device");
            awaitInNative(caller.thread, JniService.class, "open");
            interruptAndCheck(caller);
        }
    }

    @Test
    void interruptEndsABlockedPoll() throws Exception {
        try (Notifications session = Notifications.open(onBroker().build())) {
            session.subscribePull(Topics.syslog("NEVER_PUBLISHED"));
            Caller caller = new Caller(() -> session.poll(Duration.ofMinutes(2)));
            awaitInNative(caller.thread, JniNotification.class, "next");
            interruptAndCheck(caller);
            // The session is still usable afterwards.
            assertEquals(ConnectionState.CONNECTED, session.state());
        }
    }

    @Test
    void aThreadInterruptedBeforeTheCallIsCancelledAtOnce() {
        try (Notifications session = Notifications.open(onBroker().build())) {
            session.subscribePull(Topics.syslog("NEVER_PUBLISHED"));
            Thread.currentThread().interrupt();
            long start = System.nanoTime();
            CancelledException e = assertThrows(CancelledException.class, () -> session.poll(Duration.ofMinutes(2)));
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
            assertTrue(Thread.interrupted(), "the interrupt status stays set");
            assertNotNull(e.getMessage());
        }
    }

    @Test
    void closingTheSessionEndsABlockedPoll() throws Exception {
        Notifications session = Notifications.open(onBroker().build());
        session.subscribePull(Topics.syslog("NEVER_PUBLISHED"));
        Caller caller = new Caller(() -> session.poll(Duration.ofMinutes(2)));
        awaitInNative(caller.thread, JniNotification.class, "next");
        session.close();
        assertInstanceOf(ClosedException.class, caller.failure.get(30, TimeUnit.SECONDS));
        assertThrows(ClosedException.class, () -> session.poll(Duration.ZERO));
    }
}
