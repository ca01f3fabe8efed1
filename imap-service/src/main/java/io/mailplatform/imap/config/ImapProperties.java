package io.mailplatform.imap.config;

import io.mailplatform.core.net.HostNames;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
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
        @DefaultValue @Valid Limits limits) {

    public ImapProperties {
        if (hostname == null || hostname.isBlank()) {
            hostname = HostNames.local();
        }
    }

    /**
     * @param maxLineLength longest command line, literals excluded (default 64KB)
     * @param maxLiteralSize largest literal, e.g. an APPENDed message (default 50MB)
     * @param maxConnections concurrent connections in total (default 20000)
     * @param maxConnectionsPerAddress concurrent connections from one IP address (default 100)
     * @param idleTimeout inactivity before the server closes a session; RFC 9051 §5.4 asks for at least 30 minutes (default 30m)
     */
    public record Limits(
            @DefaultValue("64KB") DataSize maxLineLength,
            @DefaultValue("50MB") DataSize maxLiteralSize,
            @DefaultValue("20000") @Min(1) int maxConnections,
            @DefaultValue("100") @Min(1) int maxConnectionsPerAddress,
            @DefaultValue("30m") Duration idleTimeout) {
    }
}
