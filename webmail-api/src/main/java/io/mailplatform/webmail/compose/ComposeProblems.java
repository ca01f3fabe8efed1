package io.mailplatform.webmail.compose;

import io.mailplatform.store.mailbox.OverQuotaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** RFC 9457 problems for sending and drafts; the rest goes to the API's common handler. */
@RestControllerAdvice(assignableTypes = ComposeController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ComposeProblems {
    private static final Logger log = LoggerFactory.getLogger(ComposeProblems.class);

    @ExceptionHandler(CompositionException.class)
    public ProblemDetail invalid(CompositionException e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid message", e.getMessage());
        problem.setProperty("field", e.field());
        return problem;
    }

    @ExceptionHandler(SenderNotPermittedException.class)
    public ProblemDetail sender(SenderNotPermittedException e) {
        ProblemDetail problem = problem(HttpStatus.FORBIDDEN, "Sender not permitted", e.getMessage());
        problem.setProperty("field", "from");
        return problem;
    }

    @ExceptionHandler(RecipientRefusedException.class)
    public ProblemDetail recipient(RecipientRefusedException e) {
        ProblemDetail problem = problem(HttpStatus.FORBIDDEN, "Recipient refused", e.getMessage());
        problem.setProperty("field", "recipients");
        return problem;
    }

    @ExceptionHandler(MessageTooLargeException.class)
    public ProblemDetail tooLarge(MessageTooLargeException e) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, "Message too large", e.getMessage());
    }

    /** As SMTP's 552: the account's quota has no room for the Sent copy or the draft. */
    @ExceptionHandler(OverQuotaException.class)
    public ProblemDetail overQuota(OverQuotaException e) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, "Over quota", e.getMessage());
    }

    @ExceptionHandler(SubmissionUnavailableException.class)
    public ProblemDetail unavailable(SubmissionUnavailableException e) {
        log.warn("webmail submission failed: {}", String.valueOf(e.getCause()));
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable", e.getMessage());
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
