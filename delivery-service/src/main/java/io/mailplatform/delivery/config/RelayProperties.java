package io.mailplatform.delivery.config;

import io.mailplatform.delivery.relay.HostPort;
import io.mailplatform.delivery.relay.smtp.TlsPolicy;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The relay's queue worker ({@code mail.relay.*}): where mail for other domains goes, how often it is
 * tried, and how the queue is shared. How the SMTP client talks is {@code mail.relay.client.*}
 * ({@link RelayClientProperties}).
 *
 * @param enabled whether this instance sends queued mail at all (default true); with false, mail
 *        stays queued for other instances
 * @param routes static routes, domain to {@code host:port} ({@code [host]:port} for an IPv6
 *        address; port 25 if left out): mail for the domain goes there, without MX look-up
 *        (default none)
 * @param routeTls STARTTLS policy per route domain, {@code OPPORTUNISTIC} unless given here
 *        ({@code REQUIRED} verifies the certificate) (default none)
 * @param smartHost {@code host:port} that takes every message without a static route, instead of
 *        the MX hosts (default none: MX look-up)
 * @param smartHostUsername AUTH user at the smart host, or empty for none (default none)
 * @param smartHostPassword AUTH password at the smart host, sent over TLS only (default none)
 * @param smartHostTls STARTTLS policy of the smart host (default OPPORTUNISTIC)
 * @param mxPort the port of MX hosts (default 25; other values for tests and special setups)
 * @param ownPorts SMTP ports of this platform's gateways on this host when they run in another
 *        process; a route or MX that reaches one of them is an error, not a delivery. Listeners
 *        in this process count without being listed (default none)
 * @param maxReceived more {@code Received:} fields than this fails a message as a loop (default 30,
 *        RFC 5321 §6.3)
 * @param retry the back-off between attempts
 * @param maxAge how long a message is retried before it fails with a DSN (default 5d)
 * @param delayWarningAfter after this time in the queue the sender is told once that delivery is
 *        delayed; zero disables (default 4h)
 * @param lease how long a claimed entry belongs to this instance without renewal; renewed while it is
 *        sent, so after a crash another instance takes it over this long after (default 5m)
 * @param pollInterval how often the queue is looked at for due entries; new mail queued by this
 *        instance is sent at once (default 5s)
 * @param connectionIdleTime how long an unused connection is kept for the next message to the same
 *        destination (default 5s)
 * @param maxConnectionsPerDestination connections open at once to one destination (default 3)
 * @param batchSize most entries claimed at a time (default 100)
 * @param maxInFlight most entries this instance works on at once (default 1000)
 * @param maxRecipientsPerTransaction most recipients in one SMTP transaction (default 100, the least
 *        a server must take, RFC 5321 §4.5.3.1.8)
 * @param routingThreads threads looking up destinations (DNS) (default 4)
 * @param shutdownGrace at a stop, how long deliveries under way may finish before their entries are
 *        released for other instances (default 10s)
 */
@Validated
@ConfigurationProperties("mail.relay")
public record RelayProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue Map<String, String> routes,
        @DefaultValue Map<String, TlsPolicy> routeTls,
        String smartHost,
        String smartHostUsername,
        String smartHostPassword,
        @DefaultValue("OPPORTUNISTIC") @NotNull TlsPolicy smartHostTls,
        @DefaultValue("25") @Min(1) @Max(65535) int mxPort,
        @DefaultValue List<Integer> ownPorts,
        @DefaultValue("30") @Min(1) int maxReceived,
        @DefaultValue @Valid Retry retry,
        @DefaultValue("5d") @NotNull Duration maxAge,
        @DefaultValue("4h") @NotNull Duration delayWarningAfter,
        @DefaultValue("5m") @NotNull Duration lease,
        @DefaultValue("5s") @NotNull Duration pollInterval,
        @DefaultValue("5s") @NotNull Duration connectionIdleTime,
        @DefaultValue("3") @Min(1) int maxConnectionsPerDestination,
        @DefaultValue("100") @Min(1) int batchSize,
        @DefaultValue("1000") @Min(1) int maxInFlight,
        @DefaultValue("100") @Min(1) int maxRecipientsPerTransaction,
        @DefaultValue("4") @Min(1) int routingThreads,
        @DefaultValue("10s") @NotNull Duration shutdownGrace) {

    public RelayProperties {
        Map<String, String> normalized = new LinkedHashMap<>();
        routes.forEach((domain, target) -> {
            HostPort.parse(target, 25); // a bad route fails the start, not the first message
            normalized.put(domain.toLowerCase(Locale.ROOT), target.trim());
        });
        routes = Map.copyOf(normalized);
        Map<String, TlsPolicy> tls = new LinkedHashMap<>();
        routeTls.forEach((domain, policy) -> tls.put(domain.toLowerCase(Locale.ROOT), policy));
        routeTls = Map.copyOf(tls);
        if (smartHost != null && smartHost.isBlank()) {
            smartHost = null;
        }
        if (smartHost != null) {
            HostPort.parse(smartHost, 25);
        }
        if (smartHostUsername != null && smartHostUsername.isBlank()) {
            smartHostUsername = null;
        }
        if (smartHostUsername != null && smartHostPassword == null) {
            throw new IllegalArgumentException("mail.relay.smart-host-username needs mail.relay.smart-host-password");
        }
        ownPorts = List.copyOf(ownPorts);
        for (Duration d : new Duration[] {maxAge, lease, pollInterval, connectionIdleTime}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("mail.relay durations must be positive: " + d);
            }
        }
        if (delayWarningAfter.isNegative()) {
            throw new IllegalArgumentException("mail.relay.delay-warning-after must not be negative");
        }
    }

    /** The TLS policy of a route domain. */
    public TlsPolicy routeTls(String domain) {
        return routeTls.getOrDefault(domain, TlsPolicy.OPPORTUNISTIC);
    }

    /**
     * The wait before the next attempt grows from {@code first-delay} by {@code multiplier} after
     * each failed one, up to {@code max-delay}; each wait is moved by up to {@code jitter} of itself
     * either way, so that mail queued together does not come back all at once.
     *
     * @param firstDelay the wait after the first failed attempt (default 5m)
     * @param maxDelay the longest wait (default 4h)
     * @param multiplier growth per failed attempt (default 2)
     * @param jitter fraction of each wait it may be moved by, 0 to 0.5 (default 0.2)
     */
    public record Retry(
            @DefaultValue("5m") @NotNull Duration firstDelay,
            @DefaultValue("4h") @NotNull Duration maxDelay,
            @DefaultValue("2") double multiplier,
            @DefaultValue("0.2") double jitter) {

        public Retry {
            if (firstDelay.isNegative() || firstDelay.isZero() || maxDelay.compareTo(firstDelay) < 0) {
                throw new IllegalArgumentException("mail.relay.retry: first-delay must be positive and at most max-delay");
            }
            if (multiplier < 1 || jitter < 0 || jitter > 0.5) {
                throw new IllegalArgumentException("mail.relay.retry: multiplier must be at least 1, jitter 0 to 0.5");
            }
        }
    }

    /** Never shows the smart host's password. */
    @Override
    public String toString() {
        return "RelayProperties[enabled=" + enabled + ", routes=" + routes + ", routeTls=" + routeTls + ", smartHost="
                + smartHost + ", smartHostUsername=" + smartHostUsername + ", smartHostPassword="
                + (smartHostPassword == null ? null : "(hidden)") + ", smartHostTls=" + smartHostTls + ", mxPort=" + mxPort
                + ", ownPorts=" + ownPorts + ", maxReceived=" + maxReceived + ", retry=" + retry + ", maxAge=" + maxAge
                + ", delayWarningAfter=" + delayWarningAfter + ", lease=" + lease + ", pollInterval=" + pollInterval
                + ", connectionIdleTime=" + connectionIdleTime + ", maxConnectionsPerDestination="
                + maxConnectionsPerDestination + ", batchSize=" + batchSize + ", maxInFlight=" + maxInFlight
                + ", maxRecipientsPerTransaction=" + maxRecipientsPerTransaction + ", routingThreads=" + routingThreads
                + ", shutdownGrace=" + shutdownGrace + "]";
    }
}
