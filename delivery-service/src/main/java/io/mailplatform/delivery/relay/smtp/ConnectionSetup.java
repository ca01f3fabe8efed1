package io.mailplatform.delivery.relay.smtp;

import io.mailplatform.core.sasl.SaslBase64;
import io.mailplatform.core.sasl.SaslPlain;
import io.mailplatform.delivery.config.RelayClientProperties;
import java.util.concurrent.CompletableFuture;

/**
 * Opens a session on a new connection: the greeting (RFC 5321 §3.1), EHLO or, if refused, HELO
 * (§4.1.4), STARTTLS as the policy says (RFC 3207) followed by a new EHLO, then AUTH (RFC 4954)
 * when credentials are given, only over TLS. Every refusal becomes an {@link SmtpFailure}:
 * <ul>
 * <li>a 4yz or 5yz greeting is temporary: another host of the destination, or a later attempt, may
 *     take the mail (as Postfix's {@code smtp_skip_5xx_greeting});</li>
 * <li>HELO refused after EHLO: by its code;</li>
 * <li>TLS required but not offered or refused, a failed handshake, a certificate that does not
 *     verify, failed authentication: temporary, so that mail waits for the configuration to be
 *     fixed rather than bounce (for MTA-STS, RFC 8461 §5: the mail is deferred).</li>
 * </ul>
 */
final class ConnectionSetup {
    private final SmtpChannel channel;
    private final RelayClientProperties properties;
    private final String heloName;
    private final ClientTlsContexts tlsContexts;
    private final TlsPolicy policy;
    private final SmtpCredentials credentials;
    private TlsSession tls;

    ConnectionSetup(SmtpChannel channel, RelayClientProperties properties, String heloName,
            ClientTlsContexts tlsContexts, TlsPolicy policy, SmtpCredentials credentials) {
        this.channel = channel;
        this.properties = properties;
        this.heloName = heloName;
        this.tlsContexts = tlsContexts;
        this.policy = policy;
        this.credentials = credentials;
    }

    /** The session's extensions once it is ready; fails with an {@link SmtpFailureException}. */
    CompletableFuture<EhloExtensions> run() {
        return channel.reply(properties.timeouts().greeting(), "greeting")
                .thenCompose(this::greeted)
                .thenCompose(this::startTls)
                .thenCompose(this::authenticate);
    }

    /** The TLS session, or null in plaintext; valid once {@link #run()} completed. */
    TlsSession tls() {
        return tls;
    }

    private CompletableFuture<EhloExtensions> greeted(SmtpReply greeting) {
        if (!greeting.isPositive()) {
            throw new SmtpFailureException(SmtpFailure.byReply(FailureKind.GREETING_REFUSED, false, greeting,
                    host() + " refused the connection"));
        }
        return hello();
    }

    private CompletableFuture<EhloExtensions> hello() {
        return channel.command(command("EHLO " + heloName, "EHLO")).thenCompose(ehlo -> {
            if (ehlo.isPositive()) {
                return CompletableFuture.completedFuture(EhloExtensions.parse(ehlo));
            }
            if (ehlo.code() == 421) {
                throw new SmtpFailureException(SmtpFailure.refused(FailureKind.HELLO_REFUSED, ehlo,
                        host() + " is closing the connection"));
            }
            return channel.command(command("HELO " + heloName, "HELO")).thenApply(helo -> {
                if (!helo.isPositive()) {
                    throw new SmtpFailureException(SmtpFailure.refused(FailureKind.HELLO_REFUSED, helo,
                            host() + " refused EHLO and HELO"));
                }
                return EhloExtensions.NONE;
            });
        });
    }

    private CompletableFuture<EhloExtensions> startTls(EhloExtensions extensions) {
        if (policy == TlsPolicy.NONE) {
            return CompletableFuture.completedFuture(extensions);
        }
        boolean required = policy == TlsPolicy.REQUIRED || policy == TlsPolicy.AUTHENTICATED;
        if (!extensions.supports(EhloExtensions.STARTTLS)) {
            if (required) {
                throw new SmtpFailureException(SmtpFailure.temporary(FailureKind.TLS_UNAVAILABLE, "4.7.10",
                        "TLS is required and " + host() + " does not offer STARTTLS"));
            }
            return CompletableFuture.completedFuture(extensions);
        }
        return channel.command(command("STARTTLS", "STARTTLS")).thenCompose(reply -> {
            if (reply.code() != 220) {
                if (required) {
                    throw new SmtpFailureException(SmtpFailure.byReply(FailureKind.TLS_UNAVAILABLE, false, reply,
                            "TLS is required and " + host() + " refused STARTTLS"));
                }
                return CompletableFuture.completedFuture(extensions); // opportunistic: carry on in plaintext
            }
            boolean verify = policy == TlsPolicy.REQUIRED && properties.tls().verifyRequired();
            return channel.startTls(verify ? tlsContexts.verified() : tlsContexts.unverified(), verify,
                    properties.timeouts().tlsHandshake())
                    .thenCompose(session -> {
                        tls = session;
                        if (policy == TlsPolicy.AUTHENTICATED) {
                            authenticateServer();
                        }
                        return hello(); // RFC 3207 §4.2: forget what was learnt before TLS
                    });
        });
    }

    /** RFC 8461 §4.2: the certificate is checked before anything else is said over the connection. */
    private void authenticateServer() {
        ServerCertificateCheck.Verdict verdict = tlsContexts.check().check(channel.peerCertificates(), host().name());
        FailureKind kind = switch (verdict) {
            case VALID -> null;
            case EXPIRED -> FailureKind.CERTIFICATE_EXPIRED;
            case HOST_MISMATCH -> FailureKind.CERTIFICATE_HOST_MISMATCH;
            case NOT_TRUSTED -> FailureKind.CERTIFICATE_NOT_TRUSTED;
        };
        if (kind == null) {
            tls = new TlsSession(tls.protocol(), tls.cipherSuite(), true);
            return;
        }
        String why = switch (verdict) {
            case EXPIRED -> "has expired or is not valid yet";
            case HOST_MISMATCH -> "does not name " + host().name();
            default -> "is not issued by a trusted authority";
        };
        throw new SmtpFailureException(SmtpFailure.temporary(kind, "4.7.5", "the certificate of " + host() + " " + why));
    }

    private CompletableFuture<EhloExtensions> authenticate(EhloExtensions extensions) {
        if (credentials == null) {
            return CompletableFuture.completedFuture(extensions);
        }
        if (tls == null) {
            throw new SmtpFailureException(SmtpFailure.temporary(FailureKind.AUTH_FAILED, "4.7.11",
                    "credentials for " + host() + " are only sent over TLS"));
        }
        CompletableFuture<SmtpReply> outcome;
        if (extensions.authMechanisms().contains("PLAIN")) {
            outcome = channel.command(command("AUTH PLAIN " + SaslPlain.encode(credentials.username(),
                    credentials.password()), "AUTH PLAIN"));
        } else if (extensions.authMechanisms().contains("LOGIN")) {
            outcome = login();
        } else {
            throw new SmtpFailureException(SmtpFailure.temporary(FailureKind.AUTH_FAILED, "4.7.4",
                    host() + " offers neither AUTH PLAIN nor AUTH LOGIN"));
        }
        return outcome.thenApply(reply -> {
            if (reply.code() != 235) {
                throw new SmtpFailureException(SmtpFailure.byReply(FailureKind.AUTH_FAILED, false, reply,
                        host() + " did not accept the credentials of " + credentials.username()));
            }
            return extensions;
        });
    }

    /** AUTH LOGIN: the user name and the password, each after a 334 challenge. */
    private CompletableFuture<SmtpReply> login() {
        return channel.command(command("AUTH LOGIN", "AUTH LOGIN"))
                .thenCompose(first -> first.code() != 334 ? CompletableFuture.completedFuture(first)
                        : channel.command(command(SaslBase64.encode(credentials.username()), "AUTH LOGIN user name")))
                .thenCompose(second -> second.code() != 334 ? CompletableFuture.completedFuture(second)
                        : channel.command(command(SaslBase64.encode(credentials.password()), "AUTH LOGIN password")));
    }

    private SmtpChannel.Command command(String line, String name) {
        return new SmtpChannel.Command(line, properties.timeouts().command(), name);
    }

    private RemoteHost host() {
        return channel.host();
    }
}
