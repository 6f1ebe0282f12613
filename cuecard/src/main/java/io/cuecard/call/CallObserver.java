package io.cuecard.call;

/**
 * Told about every change of every call, on the call tracker's own thread, in order.
 * Implementations must not block: copy what they need and hand it to their own queue.
 */
public interface CallObserver {

    void callChanged(CallChange change);
}
