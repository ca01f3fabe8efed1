package io.mailplatform.webmail.security;

import java.time.Duration;
import org.springframework.security.core.AuthenticationException;

/** Too many failed logins: the attempt is refused unchecked until {@link #retryAfter()} has passed. */
class LoginThrottledException extends AuthenticationException {
    private static final long serialVersionUID = 1L;
    private final Duration retryAfter;

    LoginThrottledException(Duration retryAfter) {
        super("too many failed logins");
        this.retryAfter = retryAfter;
    }

    Duration retryAfter() {
        return retryAfter;
    }
}
