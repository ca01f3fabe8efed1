package io.mailplatform.webmail.transfer;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** RFC 9457 problems for import and export; the rest goes to the API's common handler. */
@RestControllerAdvice(assignableTypes = TransferAdminController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class TransferProblems {

    @ExceptionHandler(TransferNotFoundException.class)
    public ProblemDetail notFound(TransferNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
    }

    @ExceptionHandler(PathNotAllowedException.class)
    public ProblemDetail forbidden(PathNotAllowedException e) {
        return problem(HttpStatus.FORBIDDEN, "Path not allowed", e.getMessage());
    }

    @ExceptionHandler(UploadTooLargeException.class)
    public ProblemDetail tooLarge(UploadTooLargeException e) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, "Upload too large", e.getMessage());
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
