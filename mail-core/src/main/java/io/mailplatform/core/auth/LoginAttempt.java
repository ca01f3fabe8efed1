package io.mailplatform.core.auth;

import java.time.Duration;
import java.util.Optional;

/**
 * The outcome of one throttled login attempt.
 *
 * @param <T> what a successful login yields (the account, or the HTTP principal)
 */
public sealed interface LoginAttempt<T> {

    /** What the login yields if it succeeded. */
    default Optional<T> accepted() {
        return this instanceof Accepted<T> accepted ? Optional.of(accepted.principal()) : Optional.empty();
    }

    /** The credentials are right; the answer goes out at once. */
    record Accepted<T>(T principal) implements LoginAttempt<T> {
    }

    /**
     * The credentials are wrong (or name no enabled account); a protocol session holds its answer
     * back by {@code replyDelay} and reads nothing meanwhile.
     */
    record Rejected<T>(Duration replyDelay) implements LoginAttempt<T> {
    }

    /**
     * Not checked at all: too many attempts for the account or from the client's network are in
     * flight, or (HTTP) the network's delay still runs. A temporary failure: try again after {@code retryAfter}.
     */
    record Refused<T>(Duration retryAfter) implements LoginAttempt<T> {
    }
}
