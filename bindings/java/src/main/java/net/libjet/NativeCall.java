package net.libjet;

/**
 * A blocking native call: gets the session's handle (0 for none) and a
 * cancellation token for the duration of the call.
 *
 * @param <T> what the call returns
 */
@FunctionalInterface
interface NativeCall<T> {
    /** Makes the call. */
    T call(long handle, long cancel);
}
