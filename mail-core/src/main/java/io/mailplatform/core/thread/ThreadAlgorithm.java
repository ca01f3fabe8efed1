package io.mailplatform.core.thread;

import java.util.List;
import java.util.function.Function;

/** The threading algorithms of RFC 5256 §3, named as in THREAD and its capabilities. */
public enum ThreadAlgorithm {
    ORDEREDSUBJECT(OrderedSubjectThreader::threads),
    REFERENCES(ReferencesThreader::threads);

    private final Function<List<ThreadMessage>, List<ThreadNode>> threader;

    ThreadAlgorithm(Function<List<ThreadMessage>, List<ThreadNode>> threader) {
        this.threader = threader;
    }

    /** The threads of these messages (given in mailbox order), in thread order. */
    public List<ThreadNode> threads(List<ThreadMessage> messages) {
        return threader.apply(messages);
    }
}
