package io.mailplatform.smtp.config;

import io.mailplatform.core.net.HostNames;
import io.mailplatform.server.net.ProxyProtocolSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * SMTP gateway settings ({@code mail.smtp.*}).
 *
 * @param hostname the name in the greeting, EHLO reply and Received header (default: the local host name)
 * @param bindAddress the address every listener binds (default all interfaces)
 * @param mxPort the MX listener for mail from other servers, no AUTH needed for local recipients (default 25; -1 off)
 * @param submissionPort the submission listener, STARTTLS then AUTH before MAIL (default 587; -1 off)
 * @param submissionsPort the implicit-TLS submission listener, AUTH before MAIL (default 465; -1 off)
 * @param allowPlaintextAuth allow AUTH without TLS, for development only (default false)
 * @param senderMustMatchLogin an authenticated client (on any listener) may use as MAIL FROM only its own
 *        address (with any subaddress tag), the aliases that point at it, what {@code permittedSenders} grants
 *        it, or {@code <>}; others get 553 5.7.1 (default true, RFC 6409 §6.1)
 * @param permittedSenders further MAIL FROM addresses accounts may use, each {@code login:pattern}: the
 *        login is an account address or {@code *} for every account, the pattern an address, {@code *@domain}
 *        or {@code *} for any; e.g. {@code alice@example.test:*@example.org} (default none)
 * @param tlsBundle the Spring SSL bundle with the certificate; a self-signed one is generated when it is not configured (default "mail")
 * @param workerThreads threads for blocking work (directory look-ups, password checks), shared by all sessions (default 16)
 * @param limits size, count and time limits
 * @param recipientCache the short-lived cache of directory answers used at RCPT
 * @param proxy the HAProxy PROXY protocol for listeners behind a load balancer (smtp, submission, submissions)
 */
@Validated
@ConfigurationProperties("mail.smtp")
public record SmtpProperties(
        String hostname,
        @DefaultValue("0.0.0.0") String bindAddress,
        @DefaultValue("25") int mxPort,
        @DefaultValue("587") int submissionPort,
        @DefaultValue("465") int submissionsPort,
        @DefaultValue("false") boolean allowPlaintextAuth,
        @DefaultValue("true") boolean senderMustMatchLogin,
        @DefaultValue List<String> permittedSenders,
        @DefaultValue("mail") String tlsBundle,
        @DefaultValue("16") @Min(1) int workerThreads,
        @DefaultValue @Valid Limits limits,
        @DefaultValue @Valid RecipientCache recipientCache,
        @DefaultValue @NestedConfigurationProperty ProxyProtocolSettings proxy) {

    public SmtpProperties {
        if (hostname == null || hostname.isBlank()) {
            hostname = HostNames.local();
        }
    }

    /**
     * @param maxMessageSize largest message accepted, advertised as SIZE (default 50MB)
     * @param memoryBudget message text that all sessions together may hold in memory, from its first
     *        octet until Kafka acknowledged it; a message that finds no room gets 452 4.3.1 (default: a
     *        quarter of the maximum heap, but at least max-message-size, which is also the least it may be set to)
     * @param maxRecipients recipients per message; more get 452 4.5.3 (default 100, the minimum RFC 5321 §4.5.3.1.8 asks for)
     * @param maxConnections concurrent connections in total; more get 421 4.7.0 (default 2000)
     * @param maxConnectionsPerAddress concurrent connections from one IP address; more get 421 4.7.0 (default 50)
     * @param maxErrors failed commands (5xx replies) per session before 421 4.7.0 and close (default 10)
     * @param commandTimeout idle time allowed while waiting for a command (default 5m, RFC 5321 §4.5.3.2.7)
     * @param dataTimeout idle time allowed between blocks of message text (default 3m, RFC 5321 §4.5.3.2.5)
     * @param publishTimeout longest wait for the Kafka acknowledgement before 451 4.3.0; the producer's
     *        own timeouts are derived from it so that a refused message has definitively failed (default 30s)
     * @param writeTimeout how long replies may wait unread by the client (no write completing) before the
     *        connection is closed; commands of a client that does not read its replies are not run meanwhile (default 5m)
     */
    public record Limits(
            @DefaultValue("50MB") DataSize maxMessageSize,
            DataSize memoryBudget,
            @DefaultValue("100") @Min(1) int maxRecipients,
            @DefaultValue("2000") @Min(1) int maxConnections,
            @DefaultValue("50") @Min(1) int maxConnectionsPerAddress,
            @DefaultValue("10") @Min(1) int maxErrors,
            @DefaultValue("5m") Duration commandTimeout,
            @DefaultValue("3m") Duration dataTimeout,
            @DefaultValue("30s") Duration publishTimeout,
            @DefaultValue("5m") Duration writeTimeout) {

        public Limits {
            if (memoryBudget == null) {
                memoryBudget = DataSize.ofBytes(Math.max(defaultMemoryBudget(), maxMessageSize.toBytes()));
            }
            if (memoryBudget.toBytes() < maxMessageSize.toBytes()) {
                // a message of the advertised size could never be received: 452 for ever, then a bounce
                throw new IllegalArgumentException("mail.smtp.limits.memory-budget (" + memoryBudget
                        + ") must hold at least one message of mail.smtp.limits.max-message-size (" + maxMessageSize + ")");
            }
        }

        /**
         * A quarter of the maximum heap: with the Kafka producer's buffer and the records being handed
         * to it (about 4 × max-message-size together) and the connections, that leaves the service
         * room in a heap of 512 MiB or more (README, "Memory").
         */
        private static long defaultMemoryBudget() {
            long maxHeap = Runtime.getRuntime().maxMemory();
            return maxHeap == Long.MAX_VALUE ? 256L << 20 : maxHeap / 4;
        }
    }

    /**
     * @param ttl how long a directory answer (local domain? deliverable address?) is reused (default 30s; 0 disables)
     * @param maxEntries most answers kept (default 10000)
     */
    public record RecipientCache(
            @DefaultValue("30s") Duration ttl,
            @DefaultValue("10000") @Min(1) int maxEntries) {
    }
}
