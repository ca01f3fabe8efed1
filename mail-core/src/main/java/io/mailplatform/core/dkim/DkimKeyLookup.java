package io.mailplatform.core.dkim;

import java.util.List;

/** Where a verifier finds key records: the TXT records of {@code selector._domainkey.domain}. */
@FunctionalInterface
public interface DkimKeyLookup {

    /** The TXT records of the name (each one's strings joined); empty when the name or records do not exist. */
    List<String> txt(String name) throws TemporaryFailure;

    /** The look-up could not be answered now (timeout, SERVFAIL): the verdict is temperror. */
    final class TemporaryFailure extends Exception {
        public TemporaryFailure(String message) {
            super(message);
        }
    }
}
