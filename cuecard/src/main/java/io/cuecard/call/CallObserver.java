package io.cuecard.call;

/**
 * Told about every change of every call, on the call tracker's own thread, in order.
 * Implementations must not block: copy what they need and hand it to their own queue.
 */
public interface CallObserver {

    void callChanged(CallChange change);

    /**
     * The PBX refused a transfer action an agent sent from the console, or did not answer it in time (told after the
     * call's change, if any, on the same thread). The consoles tell the agent; others ignore it.
     */
    default void transferRefused(TransferRefused refused) {
    }
}
