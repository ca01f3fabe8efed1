package io.mailplatform.webmail.transfer;

/** A server path outside the allowed directory, or server paths not allowed at all: 403. */
public class PathNotAllowedException extends RuntimeException {
    public PathNotAllowedException(String message) {
        super(message);
    }
}
