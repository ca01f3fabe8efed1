package io.mailplatform.delivery.config;

import io.mailplatform.core.net.HostNames;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Delivery service settings ({@code mail.delivery.*}).
 *
 * @param groupId the Kafka consumer group; instances with the same group share the partitions (default "delivery")
 * @param concurrency consumer threads per instance, each with its own partitions (default 2)
 * @param maxPollRecords most records delivered in one batch, i.e. one PostgreSQL transaction (default 500)
 * @param hostname this host's name: authserv-id of Authentication-Results, Reporting-MTA of DSNs, the
 *        "r" SPF macro (default: the local host name)
 * @param spf SPF checking (RFC 7208)
 * @param routing alias and list expansion (the subaddress separator is {@code mail.store.subaddress-separator})
 * @param retry retries of local deliveries that failed temporarily (over quota)
 * @param housekeeping pruning of the delivery idempotency records
 */
@Validated
@ConfigurationProperties("mail.delivery")
public record DeliveryProperties(
        @DefaultValue("delivery") String groupId,
        @DefaultValue("2") @Min(1) int concurrency,
        @DefaultValue("500") @Min(1) int maxPollRecords,
        String hostname,
        @DefaultValue @Valid Spf spf,
        @DefaultValue @Valid Routing routing,
        @DefaultValue @Valid Retry retry,
        @DefaultValue @Valid Housekeeping housekeeping) {

    public DeliveryProperties {
        if (hostname == null || hostname.isBlank()) {
            hostname = HostNames.local();
        }
    }

    /** What happens to mail whose SPF result is fail (RFC 7208 §8.4): never a bounce. */
    public enum FailAction {
        /** Delivered into the recipient's Junk mailbox. */
        JUNK,
        /** Not stored; logged. */
        DISCARD
    }

    /**
     * @param enabled whether mail from unauthenticated clients is checked (default true); authenticated
     *        submissions are never checked
     * @param failAction the default for domains without their own policy: JUNK or DISCARD (default JUNK)
     * @param resolvers recursive DNS resolvers, {@code host} or {@code host:port}; empty uses the system's (default empty)
     * @param queryTimeout time allowed for one DNS query, retries included (default 5s)
     * @param queryRetries how often a query is re-sent after a timeout (default 1)
     * @param checkTimeout time allowed for one whole check_host(), then temperror (default 20s, RFC 7208 §4.6.4)
     * @param cacheSize DNS records kept in the cache, which honours TTLs (default 10000; 0 disables it)
     * @param defaultExplanation explanation of a fail without exp=, a macro-string (RFC 7208 §6.2)
     * @param threads threads checking the messages of one batch in parallel (default 8)
     */
    public record Spf(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("JUNK") @NotNull FailAction failAction,
            @DefaultValue List<String> resolvers,
            @DefaultValue("5s") Duration queryTimeout,
            @DefaultValue("1") @Min(0) int queryRetries,
            @DefaultValue("20s") Duration checkTimeout,
            @DefaultValue("10000") @Min(0) int cacheSize,
            @DefaultValue("%{i} is not one of %{d}'s designated mail servers") String defaultExplanation,
            @DefaultValue("8") @Min(1) int threads) {
    }

    /**
     * @param maxDepth how many alias or list hops an expansion may take before it counts as a loop (default 10)
     * @param maxRecipients most final recipients one envelope recipient may expand to (default 10000)
     */
    public record Routing(
            @DefaultValue("10") @Min(1) int maxDepth,
            @DefaultValue("10000") @Min(1) int maxRecipients) {
    }

    /**
     * @param maxDelay longest wait between retries: the first comes after a minute, each further one
     *        doubles the wait up to this (default 1h)
     * @param giveUpAfter after this time the delivery fails with a DSN (default 3d)
     * @param pollInterval how often due retries are looked for (default 30s)
     * @param batchSize most retries handled in one transaction (default 100)
     */
    public record Retry(
            @DefaultValue("1h") Duration maxDelay,
            @DefaultValue("3d") Duration giveUpAfter,
            @DefaultValue("30s") Duration pollInterval,
            @DefaultValue("100") @Min(1) int batchSize) {
    }

    /**
     * @param deliveriesRetention how long the (envelope id, recipient) record of a delivery is kept
     *        to recognise a redelivered Kafka record; keep it longer than the retention of
     *        {@code mail.inbound} (Kafka's default: 7 days) (default 14d)
     * @param interval how often old records are pruned (default 1h)
     * @param batchSize most records deleted in one transaction (default 10000)
     */
    public record Housekeeping(
            @DefaultValue("14d") Duration deliveriesRetention,
            @DefaultValue("1h") Duration interval,
            @DefaultValue("10000") @Min(1) int batchSize) {
    }
}
