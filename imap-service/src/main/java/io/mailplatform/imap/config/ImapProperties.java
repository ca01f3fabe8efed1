package io.mailplatform.imap.config;

import io.mailplatform.core.net.HostNames;
import io.mailplatform.server.net.ProxyProtocolSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * IMAP service settings ({@code mail.imap.*}).
 *
 * @param hostname the name in the greeting (default: the local host name)
 * @param bindAddress the address the listeners bind (default all interfaces)
 * @param port the plain listener, STARTTLS available (default 143; -1 off)
 * @param tlsPort the implicit-TLS listener (default 993; -1 off)
 * @param allowPlaintextAuth allow LOGIN and AUTHENTICATE without TLS, for development only (default false)
 * @param tlsBundle the Spring SSL bundle with the certificate; self-signed when not configured (default "mail")
 * @param workerThreads threads for store work, shared by all sessions (default 16)
 * @param limits size, connection and time limits
 * @param events how sessions learn of changes made elsewhere (mailbox.events)
 * @param proxy the HAProxy PROXY protocol for listeners behind a load balancer (imap, imaps)
 */
@Validated
@ConfigurationProperties("mail.imap")
public record ImapProperties(
        String hostname,
        @DefaultValue("0.0.0.0") String bindAddress,
        @DefaultValue("143") int port,
        @DefaultValue("993") int tlsPort,
        @DefaultValue("false") boolean allowPlaintextAuth,
        @DefaultValue("mail") String tlsBundle,
        @DefaultValue("16") @Min(1) int workerThreads,
        @DefaultValue @Valid Limits limits,
        @DefaultValue @Valid Events events,
        @DefaultValue @NestedConfigurationProperty ProxyProtocolSettings proxy) {

    public ImapProperties {
        if (hostname == null || hostname.isBlank()) {
            hostname = HostNames.local();
        }
    }

    /**
     * @param maxLineLength longest command line, and the most a command's lines and literals may
     *        take together, APPEND's message aside (default 64KB)
     * @param maxLiteralSize largest message APPEND accepts, advertised as APPENDLIMIT (default 50MB)
     * @param maxLiteralSizeUnauthenticated largest literal accepted before authentication, enough for
     *        LOGIN; a larger synchronizing literal gets BAD [TOOBIG] instead of a continuation request, a
     *        larger non-synchronizing one ends the connection with BYE [TOOBIG] (default 8KB)
     * @param maxConnections concurrent connections in total (default 20000)
     * @param maxConnectionsPerAddress concurrent connections from one IP address (default 100)
     * @param idleTimeout inactivity before the server ends an authenticated session; RFC 9051 §5.4
     *        asks for at least 30 minutes (default 30m)
     * @param loginTimeout how long a connection may stay unauthenticated (default 2m)
     * @param maxSearchKeys search keys in one SEARCH (default 1000)
     * @param maxNesting nesting of parentheses, NOT and OR in one command (default 32)
     * @param maxSequenceRanges ranges in one sequence set (default 10000)
     * @param fetchBatchSize messages read from the store per query while answering FETCH (default 200)
     * @param fetchBatchBytes the most message octets FETCH reads ahead for one batch, and holds for one
     *        response; fewer messages are read per query beyond it, and sections that do not fit are
     *        read one at a time as the client takes them (default 1MB)
     * @param fetchHeadBytes messages up to this size (and up to their share of fetch-batch-bytes) are
     *        read with their metadata when FETCH asks for their octets, headers alone when only
     *        headers are asked for: one query instead of two; 0 reads octets separately (default 64KB)
     * @param writeTimeout how long output may wait for a client that does not read it before the
     *        connection is closed (default 5m)
     * @param substringSearchMaxMessages in mailboxes of up to this many messages SEARCH BODY/TEXT match
     *        any part of a word, as the RFCs say; in larger ones only word beginnings, through the
     *        full-text index alone (default 10000)
     */
    public record Limits(
            @DefaultValue("64KB") DataSize maxLineLength,
            @DefaultValue("50MB") DataSize maxLiteralSize,
            @DefaultValue("8KB") DataSize maxLiteralSizeUnauthenticated,
            @DefaultValue("20000") @Min(1) int maxConnections,
            @DefaultValue("100") @Min(1) int maxConnectionsPerAddress,
            @DefaultValue("30m") Duration idleTimeout,
            @DefaultValue("2m") Duration loginTimeout,
            @DefaultValue("1000") @Min(1) int maxSearchKeys,
            @DefaultValue("32") @Min(1) int maxNesting,
            @DefaultValue("10000") @Min(1) int maxSequenceRanges,
            @DefaultValue("200") @Min(1) int fetchBatchSize,
            @DefaultValue("1MB") DataSize fetchBatchBytes,
            @DefaultValue("64KB") DataSize fetchHeadBytes,
            @DefaultValue("5m") Duration writeTimeout,
            @DefaultValue("10000") @Min(0) int substringSearchMaxMessages) {

        public Limits {
            if (fetchHeadBytes.isNegative() || fetchHeadBytes.toBytes() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("mail.imap.limits.fetch-head-bytes must be between 0 and 2GB");
            }
            if (writeTimeout.isNegative() || writeTimeout.isZero()) {
                throw new IllegalArgumentException("mail.imap.limits.write-timeout must be positive");
            }
        }
    }

    /**
     * @param enabled consume {@code mailbox.events} to tell idle sessions of changes at once (default true)
     * @param idlePollInterval how often an idle session re-reads the store anyway, so a lost event
     *        delays a notice but never loses it (default 60s)
     * @param consumerGroupPrefix prefix of this instance's consumer group id; a random suffix makes it
     *        unique per instance, so every instance sees every event (default "imap")
     */
    public record Events(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("60s") Duration idlePollInterval,
            @DefaultValue("imap") String consumerGroupPrefix) {
    }
}
