package io.mailplatform.store.transfer;

import java.time.Instant;
import java.util.List;

/**
 * An import job as kept in the store.
 *
 * @param state QUEUED, RUNNING, DONE, FAILED or INTERRUPTED (cut off by a stop of its instance)
 * @param total messages found, or -1 while they are being counted
 * @param errors the first messages that could not be imported, and why
 * @param failure why the job failed or was interrupted, or null
 * @param finished when it ended, or null
 */
public record ImportJobRecord(String id, String account, String state, long total, long done, long failed,
        List<String> errors, String failure, Instant created, Instant finished) {

    public ImportJobRecord {
        errors = List.copyOf(errors);
    }
}
