package io.mailplatform.store.mailbox;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * When the full-text vectors of messages stored by clients (IMAP APPEND, the webmail's Sent copies and
 * drafts) are computed ({@code mail.store.search-index.*}). Delivered and imported mail is indexed as
 * it is stored, whatever these say.
 *
 * @param deferred index such messages after they are stored instead of in the storing statement:
 *        APPEND answers sooner, and a message deleted before its turn (a replaced draft) is never
 *        indexed. A SEARCH that needs the vectors indexes its mailbox's waiting messages first, so
 *        searches see every message either way (default true)
 * @param delay how long a stored message waits before the background job indexes it (default 10 s)
 * @param interval how often each instance's background job looks for waiting messages (default 5 s)
 * @param batchSize messages indexed per statement of the background job; the contents it updates stay
 *        locked until it commits, and deleting an expunged one waits for that (default 20)
 */
@Validated
@ConfigurationProperties("mail.store.search-index")
public record SearchIndexProperties(
        @DefaultValue("true") boolean deferred,
        @DefaultValue("10s") Duration delay,
        @DefaultValue("5s") Duration interval,
        @DefaultValue("20") @Min(1) int batchSize) {
}
