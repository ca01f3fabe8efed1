package io.mailplatform.webmail.compose;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Sending mail through the webmail ({@code mail.webmail.send.*}).
 *
 * @param maxMessageSize largest composed message (text, attachments and MIME encoding together) and
 *        largest upload; more gets 413 (default 25MB; it must fit in a Kafka record of
 *        {@code mail.store.max-message-bytes})
 * @param maxRecipients To, Cc and Bcc addresses per message together; more get 400 (default 100, as SMTP submission)
 * @param publishTimeout longest wait for Kafka to acknowledge a submitted message before 503 (default 30s)
 * @param permittedSenders From addresses accounts may use beyond their own address and aliases, each
 *        {@code login:pattern} as {@code mail.smtp.permitted-senders} (keep the two lists the same) (default none)
 */
@Validated
@ConfigurationProperties("mail.webmail.send")
public record SendProperties(
        @DefaultValue("25MB") DataSize maxMessageSize,
        @DefaultValue("100") @Min(1) int maxRecipients,
        @DefaultValue("30s") Duration publishTimeout,
        @DefaultValue List<String> permittedSenders) {

    public SendProperties {
        permittedSenders = List.copyOf(permittedSenders);
    }
}
