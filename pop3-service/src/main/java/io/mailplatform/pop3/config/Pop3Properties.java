package io.mailplatform.pop3.config;

import io.mailplatform.core.net.HostNames;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * POP3 service settings ({@code mail.pop3.*}).
 *
 * @param hostname the name in the greeting and the APOP timestamp (default: the local host name)
 * @param bindAddress the address the listeners bind (default all interfaces)
 * @param port the plain listener, STLS available (default 110; -1 off)
 * @param tlsPort the implicit-TLS listener (default 995; -1 off)
 * @param allowPlaintextAuth allow USER/PASS and AUTH without TLS, for development only (default false)
 * @param tlsBundle the Spring SSL bundle with the certificate; self-signed when not configured (default "mail")
 * @param workerThreads threads for store work, shared by all sessions (default 16)
 * @param limits connection and time limits
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
        @DefaultValue @Valid Limits limits) {

    public Pop3Properties {
        if (hostname == null || hostname.isBlank()) {
            hostname = HostNames.local();
        }
    }

    /**
     * @param maxConnections concurrent connections in total (default 2000)
     * @param maxConnectionsPerAddress concurrent connections from one IP address (default 50)
     * @param idleTimeout inactivity before the server closes a session; RFC 1939 §3 asks for at least 10 minutes (default 10m)
     */
    public record Limits(
            @DefaultValue("2000") @Min(1) int maxConnections,
            @DefaultValue("50") @Min(1) int maxConnectionsPerAddress,
            @DefaultValue("10m") Duration idleTimeout) {
    }
}
