package io.mailplatform.delivery.relay;

import io.mailplatform.delivery.relay.smtp.SmtpFailure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The relay's counters (Micrometer; the registry decides where they go, Prometheus in a deployment).
 * The queue's depth is a gauge of its own ({@link RelayQueueGauges}).
 *
 * <ul>
 * <li>{@value #ATTEMPTS}: one per recipient and host tried, as the admin API lists them, plus the
 * successes; tag {@code result}: {@code 2xx} (taken), {@code 4xx} and {@code 5xx} (the server's
 * reply), {@code connection} (refused, lost, timed out, our connection limit), {@code tls} (STARTTLS
 * missing where required, handshake failed), {@code other} (decided here: size, missing extension,
 * AUTH, unreadable content, protocol error), {@code no-route} (no host to try: DNS, null MX, a loop
 * to ourselves).</li>
 * <li>{@value #CONNECTIONS}: SMTP sessions opened (greeting, EHLO and STARTTLS done); one carries
 * many messages.</li>
 * <li>{@value #DSNS}: reports written by the relay, tag {@code action}: {@code failed},
 * {@code delayed}, {@code relayed} (RFC 3464 Action).</li>
 * <li>{@value #RECIPIENTS}: queued recipients settled by an attempt, tag {@code outcome}:
 * {@code delivered}, {@code failed} (5yz, deleted with a report, or a message we cannot send),
 * {@code expired} (older than {@code max-age}), {@code deferred} (tried again later).</li>
 * <li>{@value #STS}: connections to MX hosts under an MTA-STS policy (RFC 8461), tags {@code mode}
 * ({@code enforce}, {@code testing}) and {@code result}: {@code success}, or the RFC 8460 result type
 * of the failure ({@code certificate-expired}, {@code validation-failure} for an MX host the policy
 * does not name, ...).</li>
 * </ul>
 */
public final class RelayMetrics {
    public static final String ATTEMPTS = "mail.relay.attempts";
    public static final String CONNECTIONS = "mail.relay.connections";
    public static final String DSNS = "mail.relay.dsns";
    public static final String RECIPIENTS = "mail.relay.recipients";
    public static final String STS = "mail.relay.mta-sts";

    /** The {@code result} tag of {@value #ATTEMPTS}. */
    public enum Result {
        SUCCESS("2xx"), TEMPORARY_REPLY("4xx"), PERMANENT_REPLY("5xx"), CONNECTION("connection"), TLS("tls"),
        OTHER("other"), NO_ROUTE("no-route");

        private final String tag;

        Result(String tag) {
            this.tag = tag;
        }

        public String tag() {
            return tag;
        }

        /** The class of a failure: the server's reply if it gave one, else what went wrong. */
        static Result of(SmtpFailure failure) {
            if (failure.reply() != null) {
                return failure.reply().code() >= 500 ? PERMANENT_REPLY : TEMPORARY_REPLY;
            }
            return switch (failure.kind()) {
                case CONNECT_FAILED, CONNECTION_LIMIT, CONNECTION_LOST, TIMEOUT, GREETING_REFUSED -> CONNECTION;
                case TLS_FAILED, TLS_UNAVAILABLE, CERTIFICATE_EXPIRED, CERTIFICATE_HOST_MISMATCH, CERTIFICATE_NOT_TRUSTED -> TLS;
                default -> OTHER;
            };
        }
    }

    private final MeterRegistry registry;
    private final Map<Result, Counter> attempts = new EnumMap<>(Result.class);
    private final Counter connections;
    private final Map<String, Counter> dsns = new ConcurrentHashMap<>();
    private final Map<String, Counter> recipients = new ConcurrentHashMap<>();
    private final Map<String, Counter> sts = new ConcurrentHashMap<>();

    public RelayMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (Result result : Result.values()) {
            attempts.put(result, Counter.builder(ATTEMPTS).tag("result", result.tag())
                    .description("recipients tried at a host, by result").register(registry));
        }
        connections = Counter.builder(CONNECTIONS).description("SMTP sessions opened to other servers").register(registry);
    }

    void attempted(Result result, int recipients) {
        attempts.get(result).increment(recipients);
    }

    void connectionOpened() {
        connections.increment();
    }

    void reportSent(String action) {
        dsns.computeIfAbsent(action, a -> Counter.builder(DSNS).tag("action", a)
                .description("delivery status notifications written by the relay").register(registry)).increment();
    }

    void settled(String outcome) {
        recipients.computeIfAbsent(outcome, o -> Counter.builder(RECIPIENTS).tag("outcome", o)
                .description("queued recipients settled by an attempt").register(registry)).increment();
    }

    void stsResult(String mode, String result) {
        sts.computeIfAbsent(mode + " " + result, k -> Counter.builder(STS).tag("mode", mode).tag("result", result)
                .description("connections to MX hosts under an MTA-STS policy, by result").register(registry)).increment();
    }
}
