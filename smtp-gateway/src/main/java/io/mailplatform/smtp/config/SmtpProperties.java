package io.mailplatform.smtp.config;

import io.mailplatform.core.net.HostNames;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
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
 * @param submissionsPort the implicit-TLS submission listener (default 465; -1 off)
 * @param allowPlaintextAuth allow AUTH without TLS, for development only (default false)
 * @param tlsBundle the Spring SSL bundle with the certificate; a self-signed one is generated when it is not configured (default "mail")
 * @param workerThreads threads for blocking work (directory look-ups), shared by all sessions (default 16)
 * @param limits size, count and time limits
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
        @DefaultValue("mail") String tlsBundle,
        @DefaultValue("16") @Min(1) int workerThreads,
        @DefaultValue @Valid Limits limits) {

    public SmtpProperties {
        if (hostname == null || hostname.isBlank()) {
            hostname = HostNames.local();
        }
    }

    /**
     * @param maxMessageSize largest message accepted, advertised as SIZE (default 50MB)
     * @param maxRecipients recipients per message (default 100)
     * @param maxConnections concurrent connections in total (default 2000)
     * @param maxConnectionsPerAddress concurrent connections from one IP address (default 50)
     * @param commandTimeout idle time allowed while waiting for a command (default 5m, RFC 5321 §4.5.3.2.7)
     * @param publishTimeout how long to wait for the Kafka acknowledgement before answering 451 (default 30s)
     */
    public record Limits(
            @DefaultValue("50MB") DataSize maxMessageSize,
            @DefaultValue("100") @Min(1) int maxRecipients,
            @DefaultValue("2000") @Min(1) int maxConnections,
            @DefaultValue("50") @Min(1) int maxConnectionsPerAddress,
            @DefaultValue("5m") Duration commandTimeout,
            @DefaultValue("30s") Duration publishTimeout) {
    }
}
