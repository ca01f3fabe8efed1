package io.mailplatform.core.dns;

import java.util.List;

/** TXT look-ups for the checks that read policy from DNS: DKIM keys, DMARC records. */
@FunctionalInterface
public interface TxtLookup {

    /** The TXT records of the name (each one's strings joined); empty when the name or records do not exist. */
    List<String> txt(String name) throws TemporaryFailure;

    /** The look-up could not be answered now (timeout, SERVFAIL): the verdict is temperror. */
    final class TemporaryFailure extends Exception {
        public TemporaryFailure(String message) {
            super(message);
        }
    }
}
