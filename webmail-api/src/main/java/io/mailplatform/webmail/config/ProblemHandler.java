package io.mailplatform.webmail.config;

import io.mailplatform.core.address.AddressException;
import io.mailplatform.store.directory.DuplicateEntryException;
import io.mailplatform.store.directory.UnknownEntryException;
import io.mailplatform.store.failure.StoreTimeoutException;
import io.mailplatform.store.failure.StoreUnavailableException;
import io.mailplatform.store.mailbox.MailboxNotFoundException;
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

    @ExceptionHandler(DuplicateEntryException.class)
    public ProblemDetail duplicate(DuplicateEntryException e) {
        return problem(HttpStatus.CONFLICT, "Already exists", e.getMessage());
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
