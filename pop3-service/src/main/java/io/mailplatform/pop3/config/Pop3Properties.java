package io.mailplatform.pop3.config;

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
 * POP3 service settings ({@code mail.pop3.*}).
 *
 * @param hostname the name in the greeting's APOP timestamp and the sign-off (default: the local host name)
 * @param bindAddress the address the listeners bind (default all interfaces)
 * @param port the plain listener, STLS available (default 110; -1 off)
 * @param tlsPort the implicit-TLS listener (default 995; -1 off)
 * @param allowPlaintextAuth allow USER/PASS and AUTH without TLS, for development only (default false);
 *        otherwise CAPA shows USER and SASL only after STLS
 * @param tlsBundle the Spring SSL bundle with the certificate; self-signed when not configured (default "mail")
 * @param workerThreads threads for store work, shared by all sessions (default 16)
 * @param loginDelay the least time between two logins to one maildrop, advertised as LOGIN-DELAY and
 *        refused with [LOGIN-DELAY] (RFC 2449 §6.5, §8.1.1); 0 for none (default 0)
 * @param retrieveChunkSize how much of a message is read from the store at a time while it is sent (default 128KB)
 * @param limits connection, line and time limits
 * @param maildropLock the maildrop lock shared by every POP3 instance
 * @param proxy the HAProxy PROXY protocol for listeners behind a load balancer (pop3, pop3s)
 */
@Validated
@ConfigurationProperties("mail.pop3")
public record Pop3Properties(
        String hostname,
        @DefaultValue("0.0.0.0") String bindAddress,
        @DefaultValue("110") int port,
        @DefaultValue("995") int tlsPort,
        @DefaultValue("false") boolean allowPlaintextAuth,
        @DefaultValue("mail") String tlsBundle,
        @DefaultValue("16") @Min(1) int workerThreads,
        @DefaultValue("0s") Duration loginDelay,
        @DefaultValue("128KB") DataSize retrieveChunkSize,
        @DefaultValue @Valid Limits limits,
        @DefaultValue @Valid MaildropLockSettings maildropLock,
        @DefaultValue @NestedConfigurationProperty ProxyProtocolSettings proxy) {

    public Pop3Properties {
        if (hostname == null || hostname.isBlank()) {
            hostname = HostNames.local();
        }
        if (retrieveChunkSize.toBytes() < 1024 || retrieveChunkSize.toBytes() > 16 << 20) {
            throw new IllegalArgumentException("mail.pop3.retrieve-chunk-size must be between 1KB and 16MB");
        }
    }

    /** {@link #retrieveChunkSize} in bytes. */
    public int retrieveChunkBytes() {
        return (int) retrieveChunkSize.toBytes();
    }

    /**
     * @param maxConnections concurrent connections in total (default 2000)
     * @param maxConnectionsPerAddress concurrent connections from one IP address (default 50)
     * @param idleTimeout inactivity before the server closes a session without removing anything;
     *        RFC 1939 §3 asks for at least 10 minutes (default 10m)
     * @param maxLineLength the longest command line or SASL response in octets, CRLF excluded; RFC 2449 §4
     *        asks for at least 255 (default 1024)
     * @param writeTimeout how long output may wait for a client that does not read it (a RETR it stopped
     *        reading) before the connection is closed, removing nothing and freeing the maildrop (default 5m)
     */
    public record Limits(
            @DefaultValue("2000") @Min(1) int maxConnections,
            @DefaultValue("50") @Min(1) int maxConnectionsPerAddress,
            @DefaultValue("10m") Duration idleTimeout,
            @DefaultValue("1024") @Min(255) int maxLineLength,
            @DefaultValue("5m") Duration writeTimeout) {

        public Limits {
            if (writeTimeout.isNegative() || writeTimeout.isZero()) {
                throw new IllegalArgumentException("mail.pop3.limits.write-timeout must be positive");
            }
        }
    }

    /**
     * @param lease how long a maildrop lock lasts without renewal: the longest a crashed instance keeps
     *        a maildrop locked (default 2m)
     * @param heartbeat how often an instance renews the locks of its sessions; shorter than the lease (default 30s)
     */
    public record MaildropLockSettings(
            @DefaultValue("2m") Duration lease,
            @DefaultValue("30s") Duration heartbeat) {
    }
}
