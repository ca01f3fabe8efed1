package io.mailplatform.store.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings shared by every service that uses the store ({@code mail.store.*}).
 *
 * @param inboundPartitions partitions of the {@code mail.inbound} topic when the platform creates it (default 6)
 * @param eventPartitions partitions of the {@code mailbox.events} topic when the platform creates it (default 6)
 * @param replicationFactor replication factor of the platform's topics (default 1; use 3 in production)
 * @param maxMessageBytes largest Kafka record the platform produces and its topics accept (default 64 MiB)
 * @param authCacheTtl how long a successful password check is remembered, sparing the adaptive hash
 *        on every login of busy clients (default 60 s; 0 disables)
 * @param loginThrottle failed-login throttling shared by every protocol
 * @param limits bounds on what one logged-in user can make the store keep or do
 */
@Validated
@ConfigurationProperties("mail.store")
public record StoreProperties(
        @DefaultValue("6") @Min(1) int inboundPartitions,
        @DefaultValue("6") @Min(1) int eventPartitions,
        @DefaultValue("1") @Min(1) short replicationFactor,
        @DefaultValue("67108864") @Min(1024) int maxMessageBytes,
        @DefaultValue("60s") Duration authCacheTtl,
        @DefaultValue LoginThrottling loginThrottle,
        @DefaultValue @Valid Limits limits) {

    /**
     * @param freeFailuresPerAccount failures per account within the window before delays start (default 5)
     * @param freeFailuresPerAddress failures per client IP within the window before delays start (default 20)
     * @param baseDelay the first delay; each further failure doubles it (default 1s; 0 disables throttling)
     * @param maxDelay the longest delay (default 30s)
     * @param window how long failures are remembered (default 15m)
     */
    public record LoginThrottling(
            @DefaultValue("5") int freeFailuresPerAccount,
            @DefaultValue("20") int freeFailuresPerAddress,
            @DefaultValue("1s") Duration baseDelay,
            @DefaultValue("30s") Duration maxDelay,
            @DefaultValue("15m") Duration window) {
    }

    /**
     * Caps per account, far above what a person uses but low enough that one account cannot make
     * every listing and synchronisation slow. Mail delivery and mailbox import are never refused by them.
     *
     * @param maxMailboxes mailboxes of one account, superiors created on the way included; CREATE and
     *        RENAME beyond are refused (default 10000)
     * @param maxSubscriptions subscribed names of one account (default 10000)
     * @param maxKeywords distinct keywords clients may set on the messages of one account (STORE,
     *        APPEND); a keyword counts from its first use on (default 1000)
     * @param searchTimeout how long one search on behalf of a client may run in PostgreSQL before it
     *        is cancelled, so that no search holds a connection for long (default 20s; 0 disables)
     */
    public record Limits(
            @DefaultValue("10000") @Min(1) int maxMailboxes,
            @DefaultValue("10000") @Min(1) int maxSubscriptions,
            @DefaultValue("1000") @Min(1) int maxKeywords,
            @DefaultValue("20s") Duration searchTimeout) {
    }
}
