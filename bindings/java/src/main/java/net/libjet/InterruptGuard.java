package net.libjet;

import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.spi.AbstractInterruptibleChannel;
import java.io.IOException;

/**
 * Makes Thread.interrupt() trigger a jet_cancel_t. Java's own hook for
 * blocking I/O is used: while a thread is between begin() and end() of an
 * AbstractInterruptibleChannel, interrupting it closes the channel on the
 * interrupting thread, at once; closing here triggers the token, and libjet
 * makes the blocked call return CANCELLED. A thread interrupted before the
 * call starts has its token triggered in begin(). Closing the guard from
 * elsewhere (a session closing) cancels the call the same way.
 */
final class InterruptGuard extends AbstractInterruptibleChannel {
    private final long cancel;

    InterruptGuard(long cancel) {
        this.cancel = cancel;
    }

    /** Marks the start of the blocking call. */
    void enter() {
        begin();
    }

    /** Marks its end; true when the calling thread was interrupted meanwhile. */
    boolean exit() {
        try {
            end(true);
            return false;
        } catch (ClosedByInterruptException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Cancels the call (the session is closing). */
    void cancel() {
        try {
            close();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected void implCloseChannel() {
        JniCancel.trigger(cancel);
    }
}
