package io.mailplatform.webmail.config;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The user side of the REST API ({@code mail.webmail.*}).
 *
 * @param limits what one request may ask for
 * @param session the browser login
 * @param events the server-sent events stream
 */
@ConfigurationProperties("mail.webmail")
@Validated
public record WebmailProperties(@DefaultValue Limits limits, @DefaultValue Session session, @DefaultValue Events events) {

    /**
     * @param defaultPageSize messages per page of a message list when the request names none (default 50)
     * @param maxPageSize most messages one page may hold; a larger {@code limit} is refused with 400 (default 200)
     * @param maxUidsPerRequest most messages one flag, move, copy or delete request may name; more is refused with 413 (default 1000)
     * @param maxRequestBody largest JSON request body; larger is refused with 413 (default 64KB)
     * @param maxAttachmentScan most messages a list filtered by "has attachment" looks at for one page; the page may
     *        then hold fewer messages, and its cursor goes on from there (default 2000)
     */
    public record Limits(@DefaultValue("50") @Min(1) int defaultPageSize, @DefaultValue("200") @Min(1) int maxPageSize,
            @DefaultValue("1000") @Min(1) int maxUidsPerRequest, @DefaultValue("64KB") DataSize maxRequestBody,
            @DefaultValue("2000") @Min(1) int maxAttachmentScan) {
    }

    /**
     * @param sameSite the SameSite attribute of the session and CSRF cookies: Strict or Lax (default Strict)
     */
    public record Session(@DefaultValue("Strict") String sameSite) {
        public Session {
            if (!sameSite.equalsIgnoreCase("Strict") && !sameSite.equalsIgnoreCase("Lax")) {
                throw new IllegalArgumentException("mail.webmail.session.same-site must be Strict or Lax");
            }
        }
    }

    /**
     * @param enabled stream mailbox events from Kafka to {@code /api/events} (default true)
     * @param consumerGroupPrefix prefix of this instance's consumer group, completed with a random suffix so every
     *        instance sees every event (default "webmail-events")
     * @param heartbeat interval of the comment lines that keep idle streams open through proxies (default 25s)
     * @param maxStreamsPerAccount most event streams one account may hold open at once; more is refused with 429 (default 8)
     */
    public record Events(@DefaultValue("true") boolean enabled, @DefaultValue("webmail-events") String consumerGroupPrefix,
            @DefaultValue("25s") Duration heartbeat, @DefaultValue("8") @Min(1) int maxStreamsPerAccount) {
    }
}
