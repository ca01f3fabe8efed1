package io.mailplatform.delivery.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The relay's SMTP client ({@code mail.relay.client.*}): how it talks to other mail servers.
 *
 * @param heloName the name sent in EHLO/HELO (default: {@code mail.delivery.hostname})
 * @param maxConnections outgoing SMTP connections open at once, over all destinations; a connection
 *        beyond it fails at once with a temporary failure (default 100)
 * @param ioThreads Netty event-loop threads of the client (default 2)
 * @param contentThreads threads that read message content from the store, one chunk at a time
 *        (default 4)
 * @param timeouts how long each step may take (RFC 5321 §4.5.3.2)
 * @param limits bounds on what a remote server may send and on memory
 * @param tls STARTTLS (RFC 3207)
 */
@Validated
@ConfigurationProperties("mail.relay.client")
public record RelayClientProperties(
        String heloName,
        @DefaultValue("100") @Min(1) int maxConnections,
        @DefaultValue("2") @Min(1) int ioThreads,
        @DefaultValue("4") @Min(1) int contentThreads,
        @DefaultValue @Valid Timeouts timeouts,
        @DefaultValue @Valid Limits limits,
        @DefaultValue @Valid Tls tls) {

    /**
     * The defaults are RFC 5321 §4.5.3.2's; a remote that takes longer is given up as a temporary
     * failure and the connection closed.
     *
     * @param connect establishing the TCP connection (default 30s)
     * @param greeting waiting for the 220 greeting (default 5m, §4.5.3.2.1)
     * @param command the reply to EHLO, HELO, STARTTLS, AUTH and RSET (default 5m)
     * @param mail the reply to MAIL (default 5m, §4.5.3.2.2)
     * @param rcpt the reply to each RCPT (default 5m, §4.5.3.2.3)
     * @param dataInitiation the 354 reply to DATA (default 2m, §4.5.3.2.4)
     * @param dataBlock each chunk of message text being taken by the network (default 3m, §4.5.3.2.5)
     * @param dataTermination the reply after the final dot or the last BDAT (default 10m, §4.5.3.2.6)
     * @param tlsHandshake the TLS handshake after STARTTLS (default 1m)
     * @param quit the reply to QUIT before the connection is closed anyway (default 10s)
     */
    public record Timeouts(
            @DefaultValue("30s") Duration connect,
            @DefaultValue("5m") Duration greeting,
            @DefaultValue("5m") Duration command,
            @DefaultValue("5m") Duration mail,
            @DefaultValue("5m") Duration rcpt,
            @DefaultValue("2m") Duration dataInitiation,
            @DefaultValue("3m") Duration dataBlock,
            @DefaultValue("10m") Duration dataTermination,
            @DefaultValue("1m") Duration tlsHandshake,
            @DefaultValue("10s") Duration quit) {

        public Timeouts {
            for (Duration timeout : new Duration[] {connect, greeting, command, mail, rcpt, dataInitiation, dataBlock,
                    dataTermination, tlsHandshake, quit}) {
                if (timeout.isNegative() || timeout.isZero()) {
                    throw new IllegalArgumentException("relay client timeouts must be positive: " + timeout);
                }
            }
        }
    }

    /**
     * @param chunkSize message text read from the store and written at a time; a connection holds at
     *        most one chunk (twice its size after dot-stuffing) (default 256KB)
     * @param maxReplyLineLength longest reply line accepted from a remote server; a longer one is a
     *        protocol error (default 4096, RFC 5321 §4.5.3.1.5 allows 512)
     * @param maxReplyLines most lines of one (multi-line) reply, e.g. the EHLO keywords (default 100)
     */
    public record Limits(
            @DefaultValue("256KB") DataSize chunkSize,
            @DefaultValue("4096") @Min(512) int maxReplyLineLength,
            @DefaultValue("100") @Min(2) @Max(10_000) int maxReplyLines) {

        public Limits {
            if (chunkSize.toBytes() < 1024 || chunkSize.toBytes() > 16L << 20) {
                throw new IllegalArgumentException("mail.relay.client.limits.chunk-size must be 1KB to 16MB");
            }
        }
    }

    /**
     * STARTTLS is used whenever a server offers it. Opportunistically (the default for every
     * destination) the certificate is not checked (RFC 7435); where TLS is required (a route or the
     * smart host), it is, unless {@code verify-required} is off.
     *
     * @param verifyRequired where TLS is required, check the server's certificate chain (PKIX) and
     *        that it names the host connected to (default true)
     * @param trustBundle the Spring SSL bundle whose trust material verifies certificates; empty for
     *        the JDK's trusted authorities (default empty)
     * @param plaintextFallback when the TLS handshake of opportunistic TLS fails, connect once more
     *        and deliver without TLS, as Postfix does (default true)
     */
    public record Tls(
            @DefaultValue("true") boolean verifyRequired,
            String trustBundle,
            @DefaultValue("true") boolean plaintextFallback) {
    }
}
