package io.mailplatform.store.mailbox;

import java.util.List;

/**
 * The outcome of a COPY or MOVE (RFC 4315 COPYUID): source UIDs and the UIDs they got in the target,
 * index by index.
 */
public record CopyResult(long targetUidValidity, List<Long> sourceUids, List<Long> targetUids) {
    public CopyResult {
        sourceUids = List.copyOf(sourceUids);
        targetUids = List.copyOf(targetUids);
    }
}
