package io.mailplatform.delivery.consume;

import io.mailplatform.store.failure.StoreTimeoutException;
import io.mailplatform.store.failure.StoreUnavailableException;

/** Tells failures that go away by themselves (database unreachable, serialization conflict) from the rest. */
public final class Failures {
    private Failures() {
    }

    /** Whether retrying the same records later may succeed: such failures are retried without limit, never dead-lettered. */
    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // a cancelled statement (an operator's cancel, a server-wide statement_timeout) is worth another try too
            if (t instanceof StoreUnavailableException || t instanceof StoreTimeoutException) {
                return true;
            }
        }
        return false;
    }
}
