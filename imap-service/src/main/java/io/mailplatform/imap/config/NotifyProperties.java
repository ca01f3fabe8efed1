package io.mailplatform.imap.config;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * IMAP NOTIFY settings ({@code mail.imap.notify.*}, RFC 5465).
 *
 * @param maxQueued notices (one per mailbox and kind, coalesced) a session may have waiting for the
 *        client, which gets them while idling or after its next command; beyond, the session gets
 *        {@code [NOTIFICATIONOVERFLOW]} and NOTIFY is off (default 1000)
 */
@Validated
@ConfigurationProperties("mail.imap.notify")
public record NotifyProperties(@DefaultValue("1000") @Min(1) int maxQueued) {
}
