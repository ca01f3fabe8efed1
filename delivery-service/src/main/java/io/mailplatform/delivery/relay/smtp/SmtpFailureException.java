package io.mailplatform.delivery.relay.smtp;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Carries an {@link SmtpFailure} through the client's futures; never leaves the package. */
final class SmtpFailureException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final Logger log = LoggerFactory.getLogger(SmtpFailureException.class);

    private final transient SmtpFailure failure;

    SmtpFailureException(SmtpFailure failure) {
        super(failure.toString(), null, false, false);
        this.failure = failure;
    }

    SmtpFailure failure() {
        return failure;
    }

    /** The failure a future completed with: its own, or an internal one for anything unexpected. */
    static SmtpFailure of(Throwable thrown) {
        Throwable cause = thrown;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof SmtpFailureException failed) {
            return failed.failure();
        }
        log.warn("unexpected error in the relay's SMTP client", cause);
        return SmtpFailure.temporary(FailureKind.INTERNAL, "4.3.0", "internal error: " + cause);
    }
}
