package io.mailplatform.delivery.config;

import io.mailplatform.core.net.HostNames;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
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
 * @param dns the DNS client shared by SPF and MX routing
 * @param spf SPF checking (RFC 7208)
 * @param dkim DKIM verification of incoming mail (RFC 6376)
 * @param dmarc DMARC policy evaluation of incoming mail (RFC 7489)
 * @param arc ARC validation of incoming chains and sealing of forwarded mail (RFC 8617)
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
        @DefaultValue @Valid Dns dns,
        @DefaultValue @Valid Spf spf,
        @DefaultValue @Valid Dkim dkim,
        @DefaultValue @Valid Dmarc dmarc,
        @DefaultValue @Valid Arc arc,
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
     * The DNS client: a cache that honours TTLs (negative answers included), one upstream query for
     * any number of identical look-ups in flight, a bound on concurrent queries, and short tries
     * spread over the configured resolvers.
     *
     * @param resolvers recursive DNS resolvers, {@code host}, {@code host:port} or {@code [v6]:port}; empty
     *        uses the system's (/etc/resolv.conf) (default empty)
     * @param timeout how long one try waits before the query is sent again, to the next resolver; an
     *        earlier try's late answer still counts (default 1s)
     * @param retries how often a query is sent again after the first try (default 2: three tries in all)
     * @param maxConcurrentQueries most queries sent upstream at once; further ones wait for a free slot
     *        (default 20)
     * @param cacheSize most answers kept in the cache; 0 disables caching (default 10000)
     * @param maxTtl longest time an answer is kept, whatever its TTL (default 1d)
     * @param minNegativeTtl shortest time a "no such name" or "no such record" answer is kept, also when the
     *        resolver sends no SOA to take its TTL from (default 60s)
     * @param maxNegativeTtl longest time a negative answer is kept (default 3h, RFC 2308 §5)
     * @param failureTtl how long a failed query (timeout, SERVFAIL) is remembered, and with it an SPF
     *        temperror, before it is asked again (default 5s, RFC 9520)
     * @param maxCnameChain most CNAMEs followed from one name (default 8)
     * @param maxMxHosts most MX hosts of a domain whose addresses are looked up, in preference order (default 10)
     */
    public record Dns(
            @DefaultValue List<String> resolvers,
            @DefaultValue("1s") @NotNull Duration timeout,
            @DefaultValue("2") @Min(0) int retries,
            @DefaultValue("20") @Min(1) int maxConcurrentQueries,
            @DefaultValue("10000") @Min(0) int cacheSize,
            @DefaultValue("1d") @NotNull Duration maxTtl,
            @DefaultValue("60s") @NotNull Duration minNegativeTtl,
            @DefaultValue("3h") @NotNull Duration maxNegativeTtl,
            @DefaultValue("5s") @NotNull Duration failureTtl,
            @DefaultValue("8") @Min(1) int maxCnameChain,
            @DefaultValue("10") @Min(1) int maxMxHosts) {

        /** The longest a query may take once sent: every try, each given {@link #timeout()}. */
        public Duration queryBudget() {
            return timeout.multipliedBy(retries + 1L);
        }
    }

    /**
     * @param enabled whether mail from unauthenticated clients is checked (default true); authenticated
     *        submissions are never checked
     * @param failAction the default for domains without their own policy: JUNK or DISCARD (default JUNK)
     * @param checkTimeout time allowed for one whole check_host(), then temperror (default 20s, RFC 7208 §4.6.4)
     * @param batchWait how long a batch waits for its SPF checks; the messages whose check is done by then are
     *        stored, the others are redelivered from Kafka while their checks go on (default 2s)
     * @param verdictCacheSize results kept per (client IP, domain, HELO) for the TTL of the records they came
     *        from; 0 disables the cache (default 10000)
     * @param defaultExplanation explanation of a fail without exp=, a macro-string (RFC 7208 §6.2)
     * @param threads threads running SPF checks (default 16)
     */
    public record Spf(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("JUNK") @NotNull FailAction failAction,
            @DefaultValue("20s") @NotNull Duration checkTimeout,
            @DefaultValue("2s") @NotNull Duration batchWait,
            @DefaultValue("10000") @Min(0) int verdictCacheSize,
            @DefaultValue("%{i} is not one of %{d}'s designated mail servers") String defaultExplanation,
            @DefaultValue("16") @Min(1) int threads) {
    }

    /**
     * DKIM verification runs beside the SPF check, on the same threads and within the same
     * {@code mail.delivery.spf.batch-wait}; its result goes into the Authentication-Results field.
     *
     * @param enabled whether the signatures of mail from unauthenticated clients are checked (default true)
     * @param maxSignatures most signatures of one message checked, from the top (default 5)
     * @param sign whether authenticated submissions are signed with the keys of their From domain, where it
     *        has any (made with the admin API) (default true)
     * @param keyCacheTtl how long a domain's signing keys are used before they are read again, so a new or
     *        retired key takes effect within this time (default 60s)
     */
    public record Dkim(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("5") @Min(1) int maxSignatures,
            @DefaultValue("true") boolean sign,
            @DefaultValue("60s") @NotNull Duration keyCacheTtl) {
    }

    /**
     * DMARC evaluation uses the SPF and DKIM results of the same message, so it runs once both are done,
     * on the same threads and within the same {@code mail.delivery.spf.batch-wait}.
     *
     * @param enabled whether the DMARC policy of the author domain is applied to mail from unauthenticated
     *        clients: failing mail under p=quarantine or p=reject goes to Junk (default true)
     * @param reports aggregate reports (RFC 7489 §7.2), sent and received
     */
    public record Dmarc(@DefaultValue("true") boolean enabled, @DefaultValue @Valid Reports reports) {
    }

    /**
     * ARC (RFC 8617) lets a receiver trust the authentication results a forwarder saw before it changed or
     * re-sent a message. Validation runs beside DKIM, on the same threads and within the same
     * {@code mail.delivery.spf.batch-wait}.
     *
     * @param enabled whether the ARC chains of mail from unauthenticated clients are validated and the result
     *        recorded as {@code arc=} in Authentication-Results (default true)
     * @param seal whether mail that aliases and lists forward to remote addresses gets an ARC set, signed with
     *        the DKIM key of the forwarding address's domain where it has one (default true)
     */
    public record Arc(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("true") boolean seal) {
    }

    /**
     * DMARC aggregate reports: the results of mail from domains whose DMARC record has rua= are counted per
     * UTC day and sent to those addresses once the day is over; reports other receivers send to our own
     * report addresses are read and kept for the admin API.
     *
     * @param send whether results are counted and reports sent (default true)
     * @param orgName the reporting organisation named in the reports (default: the host name)
     * @param from the From address of the reports (default: {@code dmarc-reports@} the host name)
     * @param interval how often the report job looks for finished days (default 1h)
     * @param maxReportSize largest compressed report sent; a larger one is not sent (and logged), as is one
     *        larger than the limit the rua= address gives (default 10MB)
     * @param inboundAddresses our report addresses (those our domains publish in rua=): the reports arriving
     *        there are read and kept, and delivered as usual (default none)
     * @param maxReceivedSize largest received report, unpacked XML (default 5MB)
     */
    public record Reports(
            @DefaultValue("true") boolean send,
            String orgName,
            String from,
            @DefaultValue("1h") @NotNull Duration interval,
            @DefaultValue("10MB") @NotNull DataSize maxReportSize,
            @DefaultValue List<String> inboundAddresses,
            @DefaultValue("5MB") @NotNull DataSize maxReceivedSize) {

        /** The defaults, for code that builds properties without Spring. */
        public static Reports defaults() {
            return new Reports(true, null, null, Duration.ofHours(1), DataSize.ofMegabytes(10), List.of(),
                    DataSize.ofMegabytes(5));
        }
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
