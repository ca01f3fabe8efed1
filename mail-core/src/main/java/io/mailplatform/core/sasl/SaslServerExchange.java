package io.mailplatform.core.sasl;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The server side of one SASL exchange for the password mechanisms PLAIN (RFC 4616) and LOGIN
 * (draft-murchison-sasl-login): it turns the client's base64 responses into {@link Credentials}
 * and says which challenge comes next. Protocol-neutral: the protocol renders a challenge
 * ({@code + } in POP3 and IMAP, {@code 334 } in SMTP) and handles the client's {@code *} cancel.
 */
public final class SaslServerExchange {

    /** The mechanisms this exchange implements. */
    public enum Mechanism {
        PLAIN,
        LOGIN;

        /** The mechanism with this (case-insensitive) name. */
        public static Optional<Mechanism> named(String name) {
            for (Mechanism mechanism : values()) {
                if (mechanism.name().equals(name.toUpperCase(Locale.ROOT))) {
                    return Optional.of(mechanism);
                }
            }
            return Optional.empty();
        }
    }

    /** The mechanism names, in order of preference, as servers advertise them (EHLO AUTH, POP3 SASL). */
    public static final List<String> MECHANISMS = Arrays.stream(Mechanism.values()).map(Enum::name).toList();

    /** RFC 4422 §3.5, RFC 4954 §4, RFC 5034 §4: a response of a single {@code *} cancels the exchange. */
    public static boolean isCancel(String response) {
        return "*".equals(response);
    }

    /** What the server does next: send a challenge, or check the credentials. */
    public sealed interface Step permits Challenge, Done {
    }

    /** A server challenge, already base64-encoded (possibly empty). */
    public record Challenge(String base64) implements Step {
    }

    /** The exchange is complete. */
    public record Done(Credentials credentials) implements Step {
    }

    private static final Challenge EMPTY = new Challenge("");
    private static final Challenge USERNAME = new Challenge(SaslBase64.encode("Username:"));
    private static final Challenge PASSWORD = new Challenge(SaslBase64.encode("Password:"));

    private final Mechanism mechanism;
    private String username;

    private SaslServerExchange(Mechanism mechanism) {
        this.mechanism = mechanism;
    }

    public static SaslServerExchange of(Mechanism mechanism) {
        return new SaslServerExchange(mechanism);
    }

    public Mechanism mechanism() {
        return mechanism;
    }

    /**
     * Starts the exchange, with the client's initial response (RFC 4422 §5) if the command carried one
     * ({@code =} standing for an empty one), or null.
     */
    public Step begin(String initialResponse) throws SaslException {
        if (initialResponse == null) {
            return mechanism == Mechanism.PLAIN ? EMPTY : USERNAME;
        }
        return respond(initialResponse);
    }

    /** Takes the client's next base64 response. */
    public Step respond(String response) throws SaslException {
        if (mechanism == Mechanism.PLAIN) {
            return new Done(SaslPlain.decode(response));
        }
        if (username == null) {
            username = SaslBase64.decodeUtf8(response);
            if (username.isEmpty()) {
                // as PLAIN's authcid (RFC 4616 §2: 1*SAFE), the identity cannot be empty
                throw new SaslException("LOGIN needs a user name");
            }
            return PASSWORD;
        }
        return new Done(new Credentials("", username, SaslBase64.decodeUtf8(response)));
    }
}
