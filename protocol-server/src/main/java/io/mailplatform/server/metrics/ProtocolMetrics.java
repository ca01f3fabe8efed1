package io.mailplatform.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The meters of one protocol service (tag {@code protocol}: smtp, imap, pop3):
 * <ul>
 * <li>{@code mail.sessions.open} (gauge) and {@code mail.sessions} (counter): connections open now
 * and accepted so far;</li>
 * <li>{@code mail.commands} (tag {@code command}): commands received, by verb;</li>
 * <li>{@code mail.replies} (tag {@code status}): replies sent, by the protocol's status: the SMTP
 * reply code class ({@code 2xx} ... {@code 5xx}), IMAP {@code OK}/{@code NO}/{@code BAD}/{@code BYE}
 * of tagged and closing responses, POP3 {@code +OK}/{@code -ERR}.</li>
 * </ul>
 * Tag values come from closed sets (parsed verbs, status words), so the number of series stays small.
 * Counters are looked up once per value and kept: the hot path is a map read and an increment.
 */
public final class ProtocolMetrics {
    public static final String SESSIONS = "mail.sessions";
    public static final String SESSIONS_OPEN = "mail.sessions.open";
    public static final String COMMANDS = "mail.commands";
    public static final String REPLIES = "mail.replies";

    private final MeterRegistry registry;
    private final String protocol;
    private final AtomicInteger open = new AtomicInteger();
    private final Counter sessions;
    private final Map<String, Counter> commands = new ConcurrentHashMap<>();
    private final Map<String, Counter> replies = new ConcurrentHashMap<>();

    public ProtocolMetrics(MeterRegistry registry, String protocol) {
        this.registry = registry;
        this.protocol = protocol;
        this.sessions = Counter.builder(SESSIONS).tag("protocol", protocol)
                .description("connections accepted").register(registry);
        Gauge.builder(SESSIONS_OPEN, open, AtomicInteger::get).tag("protocol", protocol)
                .description("connections open now").register(registry);
    }

    /** A connection was accepted; {@link #sessionClosed()} follows when it closes. */
    public void sessionOpened() {
        open.incrementAndGet();
        sessions.increment();
    }

    public void sessionClosed() {
        open.decrementAndGet();
    }

    /** A command was received ({@code verb} upper case, e.g. {@code EHLO}, {@code FETCH}, {@code RETR}). */
    public void command(String verb) {
        commands.computeIfAbsent(verb, v -> Counter.builder(COMMANDS).tag("protocol", protocol).tag("command", v)
                .description("commands received").register(registry)).increment();
    }

    /** A reply was sent with this status ({@code 2xx}, {@code OK}, {@code -ERR}, ...). */
    public void reply(String status) {
        replies.computeIfAbsent(status, s -> Counter.builder(REPLIES).tag("protocol", protocol).tag("status", s)
                .description("replies sent, by status").register(registry)).increment();
    }

    /** The registry, for the service's own meters. */
    public MeterRegistry registry() {
        return registry;
    }

    /** The number of connections open now. */
    public int openSessions() {
        return open.get();
    }
}
