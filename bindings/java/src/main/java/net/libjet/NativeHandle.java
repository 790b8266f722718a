package net.libjet;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.function.LongConsumer;
import java.util.function.LongFunction;

/**
 * A native handle with a safe lifetime. Every use holds it for the call;
 * close() refuses new uses, cancels blocking calls in progress and releases
 * the handle when the last use ends, so a handle is never used after it is
 * released and never released twice. Usable as a Cleaner action.
 */
final class NativeHandle implements Runnable {
    private final String what;
    private final LongConsumer release;
    private long handle;
    private int users;
    private boolean closed;
    private final Set<InterruptGuard> blocked = new HashSet<>();

    /**
     * @param what the object's name for messages, e.g. "notification session"
     * @param handle the native handle
     * @param release frees the handle (called once)
     */
    NativeHandle(String what, long handle, LongConsumer release) {
        this.what = what;
        this.handle = handle;
        this.release = release;
    }

    /** Runs a short native call with the handle. */
    <T> T use(LongFunction<T> body) {
        long h = acquire(null);
        try {
            return body.apply(h);
        } finally {
            releaseUse(null);
        }
    }

    /** Runs a blocking native call that Thread.interrupt() or close() cancels. */
    <T> T blocking(NativeCall<T> body) {
        long cancel = JniCancel.create();
        InterruptGuard guard = new InterruptGuard(cancel);
        long h;
        try {
            h = acquire(guard);
        } catch (RuntimeException e) {
            JniCancel.free(cancel);
            throw e;
        }
        boolean interrupted = false;
        try {
            guard.enter();
            try {
                return body.call(h, cancel);
            } finally {
                interrupted = guard.exit();
            }
        } catch (CancelledException e) {
            if (interrupted) {
                throw interruptedError(e);
            }
            throw new ClosedException(Status.CLOSED, "the " + what + " was closed during the call (" + e.getMessage() + ")",
                    e.grpcCode(), e.deviceCode());
        } finally {
            releaseUse(guard);
            JniCancel.free(cancel);
        }
    }

    /** Runs a blocking native call that has no handle yet (opening a session). */
    static <T> T blockingOpen(NativeCall<T> body) {
        return new NativeHandle("call", 0, h -> { }).blocking(body);
    }

    /** The exception of a call ended by Thread.interrupt() (the interrupt status stays set). */
    private static CancelledException interruptedError(CancelledException e) {
        return new CancelledException(Status.CANCELLED, "interrupted: Thread.interrupt() cancelled the call (" + e.getMessage() + ")",
                e.grpcCode(), e.deviceCode());
    }

    private synchronized long acquire(InterruptGuard guard) {
        if (closed) {
            throw closedError(what);
        }
        users++;
        if (guard != null) {
            blocked.add(guard);
        }
        return handle;
    }

    private void releaseUse(InterruptGuard guard) {
        long toRelease = 0;
        synchronized (this) {
            if (guard != null) {
                blocked.remove(guard);
            }
            users--;
            if (closed && users == 0) {
                toRelease = handle;
                handle = 0;
            }
        }
        if (toRelease != 0) {
            release.accept(toRelease);
        }
    }

    /** Whether close() was called. */
    synchronized boolean isClosed() {
        return closed;
    }

    /** Closes: safe to call twice and from a Cleaner. */
    void close() {
        long toRelease = 0;
        InterruptGuard[] toCancel;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            toCancel = blocked.toArray(new InterruptGuard[0]);
            if (users == 0) {
                toRelease = handle;
                handle = 0;
            }
        }
        for (InterruptGuard guard : toCancel) {
            guard.cancel();
        }
        if (toRelease != 0) {
            release.accept(toRelease);
        }
    }

    @Override
    public void run() {
        close();
    }

    /** The exception for using a closed object. */
    static ClosedException closedError(String what) {
        return new ClosedException(Status.CLOSED, "the " + what + " is closed", -1, -1);
    }

    /** A timeout in ms for the C ABI: null (or zero) is 0, "the default" for service calls. */
    static int millis(Duration timeout) {
        if (timeout == null) {
            return 0;
        }
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("negative timeout " + timeout);
        }
        long ms = timeout.toMillis();
        if (ms == 0 && !timeout.isZero()) {
            ms = 1;
        }
        return (int) Math.min(ms, Integer.MAX_VALUE);
    }
}
