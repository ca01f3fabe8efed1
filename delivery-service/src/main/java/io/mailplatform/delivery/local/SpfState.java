package io.mailplatform.delivery.local;

import io.mailplatform.delivery.spf.SpfOutcome;

/** Where the SPF check of one message of a batch stands once the batch stops waiting for it. */
public sealed interface SpfState {

    /** No check applies: SPF is off, or the message is an authenticated submission. */
    record NotChecked() implements SpfState {
    }

    /** The check is done. */
    record Checked(SpfOutcome outcome) implements SpfState {
    }

    /** The check is still running: the message waits for a later round. */
    record Running() implements SpfState {
    }

    SpfState NOT_CHECKED = new NotChecked();
    SpfState RUNNING = new Running();
}
