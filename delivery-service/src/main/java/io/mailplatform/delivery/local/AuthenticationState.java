package io.mailplatform.delivery.local;

import io.mailplatform.core.arc.ArcResult;
import io.mailplatform.core.dkim.DkimResult;
import io.mailplatform.core.dmarc.DmarcOutcome;
import io.mailplatform.delivery.spf.SpfOutcome;
import java.util.List;

/** Where the sender authentication checks (SPF, DKIM, DMARC, ARC) of one message stand once the batch stops waiting for them. */
public sealed interface AuthenticationState {

    /** No check applies: both are off, or the message is an authenticated submission. */
    record NotChecked() implements AuthenticationState {
    }

    /**
     * The checks are done.
     *
     * @param spf the SPF outcome, or null when SPF is off
     * @param dkim one result per signature checked (empty for an unsigned message), or null when DKIM is off
     * @param dmarc the DMARC outcome, or null when DMARC is off
     * @param arc the validation of the message's ARC chain, or null when ARC is off
     */
    record Checked(SpfOutcome spf, List<DkimResult> dkim, DmarcOutcome dmarc, ArcResult arc) implements AuthenticationState {
    }

    /** A check is still running: the message waits for a later round. */
    record Running() implements AuthenticationState {
    }

    AuthenticationState NOT_CHECKED = new NotChecked();
    AuthenticationState RUNNING = new Running();
}
