package io.mailplatform.webmail.config;

import io.mailplatform.core.address.AddressException;
import io.mailplatform.store.directory.DuplicateEntryException;
import io.mailplatform.store.directory.UnknownEntryException;
import io.mailplatform.store.failure.StoreTimeoutException;
import io.mailplatform.store.failure.StoreUnavailableException;
import io.mailplatform.store.mailbox.AccountLimitException;
import io.mailplatform.store.mailbox.MailboxExistsException;
import io.mailplatform.store.mailbox.MailboxNotFoundException;
import io.mailplatform.store.mailbox.MailboxRefusedException;
import io.mailplatform.store.mailbox.OverQuotaException;
import io.mailplatform.webmail.events.EventController;
import io.mailplatform.webmail.mail.InvalidParameterException;
import io.mailplatform.webmail.mail.MessageController;
import io.mailplatform.webmail.mail.PayloadTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Maps store and input errors to RFC 9457 problem responses, in one place. */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler({AddressException.class, IllegalArgumentException.class, UnknownEntryException.class})
    public ProblemDetail invalid(Exception e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid input", e.getMessage());
    }

    /** A named parameter or field is wrong: the problem says which ({@code field}). */
    @ExceptionHandler(InvalidParameterException.class)
    public ProblemDetail invalidParameter(InvalidParameterException e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid input", e.getMessage());
        problem.setProperty("field", e.field());
        return problem;
    }

    @ExceptionHandler({DuplicateEntryException.class, MailboxExistsException.class})
    public ProblemDetail duplicate(RuntimeException e) {
        return problem(HttpStatus.CONFLICT, "Already exists", e.getMessage());
    }

    /** The IMAP rules for mailboxes: a name that cannot be used is bad input, the others conflict with what exists. */
    @ExceptionHandler(MailboxRefusedException.class)
    public ProblemDetail refused(MailboxRefusedException e) {
        boolean badName = e.reason() == MailboxRefusedException.Reason.CANNOT
                || e.reason() == MailboxRefusedException.Reason.LIMIT;
        return problem(badName ? HttpStatus.BAD_REQUEST : HttpStatus.CONFLICT, badName ? "Invalid input" : "Conflict",
                e.getMessage());
    }

    @ExceptionHandler({AccountLimitException.class, MessageController.NoTrashException.class})
    public ProblemDetail conflict(RuntimeException e) {
        return problem(HttpStatus.CONFLICT, "Conflict", e.getMessage());
    }

    @ExceptionHandler(PayloadTooLargeException.class)
    public ProblemDetail tooLarge(PayloadTooLargeException e) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, "Too large", e.getMessage());
    }

    @ExceptionHandler(EventController.TooManyStreamsException.class)
    public ProblemDetail tooManyStreams(RuntimeException e) {
        return problem(HttpStatus.TOO_MANY_REQUESTS, "Too many requests", e.getMessage());
    }

    @ExceptionHandler(OverQuotaException.class)
    public ProblemDetail overQuota(OverQuotaException e) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, "Over quota", "Not enough room: the quota is exceeded");
    }

    @ExceptionHandler({MailboxNotFoundException.class, MessageNotFoundException.class})
    public ProblemDetail notFound(RuntimeException e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
    }

    /** The database is unreachable or cancelled the query: try again later (RFC 9110 §15.6.4). */
    @ExceptionHandler({StoreUnavailableException.class, StoreTimeoutException.class})
    public ProblemDetail unavailable(RuntimeException e) {
        log.warn("{}: {}", e.getMessage(), e.getCause().toString());
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable", "The mail store is unavailable, try again later");
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
