package net.libjet;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting in tests: for a condition with a generous limit, or for a process to exit. */
final class Waiting {
    private Waiting() {}

    /** Waits until {@code condition} holds, checking every 10 ms; fails with {@code what} after {@code limit}. */
    static void until(BooleanSupplier condition, Duration limit, String what) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("still not " + what + " after " + limit);
            }
            Thread.sleep(10);
        }
    }

    /** Waits for a process to exit, keeping the thread's interrupt status. */
    static void forExit(Process process) {
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
