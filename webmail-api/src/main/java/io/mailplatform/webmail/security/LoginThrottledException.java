package io.mailplatform.webmail.security;

import java.time.Duration;
import org.springframework.security.core.AuthenticationException;

/** The login throttle refused the attempt unchecked (failed logins, or too many in flight) until {@link #retryAfter()}. */
class LoginThrottledException extends AuthenticationException {
    private static final long serialVersionUID = 1L;
    private final Duration retryAfter;

    LoginThrottledException(Duration retryAfter) {
        super("too many login attempts");
        this.retryAfter = retryAfter;
    }

    Duration retryAfter() {
        return retryAfter;
    }
}
