package io.mailplatform.delivery.mtasts;

import io.mailplatform.core.mtasts.MtaStsMode;
import io.mailplatform.core.mtasts.MtaStsPolicy;
import io.mailplatform.core.mtasts.MtaStsPolicyParser;
import io.mailplatform.core.mtasts.MtaStsRecord;
import io.mailplatform.core.mtasts.MtaStsSyntaxException;
import io.mailplatform.core.tlsrpt.TlsResultType;
import io.mailplatform.delivery.config.MtaStsProperties;
import io.mailplatform.delivery.dns.DnsException;
import io.mailplatform.delivery.dns.DnsResolver;
import io.mailplatform.store.mtasts.StsPolicyCache;
import io.mailplatform.store.mtasts.StsPolicyCache.CachedPolicy;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MTA-STS policy of a recipient domain (RFC 8461 §3 and §5.1): the {@code _mta-sts} TXT record
 * says whether there is one and its id; a policy cached (in PostgreSQL, for every instance) under the
 * same id and not past its max_age is used as it is; a new id, or none cached, fetches the policy
 * file. A policy still valid in the cache is used when the record has gone or DNS or the fetch fail
 * (§5.1: only a successfully fetched policy replaces it). A failed fetch is not repeated by this
 * instance for {@code mail.relay.mta-sts.retry-fetch-after}. Blocks for DNS and HTTPS.
 */
public final class MtaStsPolicies {
    private static final Logger log = LoggerFactory.getLogger(MtaStsPolicies.class);
    /** Bounds the memory of failed fetches; forgetting them only means fetching again. */
    private static final int MAX_REMEMBERED_FAILURES = 10_000;

    private final MtaStsProperties properties;
    private final DnsResolver dns;
    private final PolicyFetcher fetcher;
    private final StsPolicyCache cache;
    private final Clock clock;
    private final Map<String, Failed> failures = new ConcurrentHashMap<>();

    private record Failed(Instant until, StsLookup.Unavailable lookup) {
    }

    public MtaStsPolicies(MtaStsProperties properties, DnsResolver dns, PolicyFetcher fetcher, StsPolicyCache cache,
            Clock clock) {
        this.properties = properties;
        this.dns = dns;
        this.fetcher = fetcher;
        this.cache = cache;
        this.clock = clock;
    }

    /** The policy to apply to mail for the domain now. */
    public StsLookup lookup(String domainName) {
        if (!properties.enabled()) {
            return StsLookup.ABSENT;
        }
        String domain = domainName.toLowerCase(Locale.ROOT);
        Instant now = clock.instant();
        Optional<StsLookup.Present> cached = cached(domain, now);
        Optional<MtaStsRecord> record;
        try {
            record = MtaStsRecord.find(dns.txt(MtaStsRecord.name(domain)).records());
        } catch (DnsException e) {
            log.debug("MTA-STS: no answer for {}: {}", MtaStsRecord.name(domain), e.getMessage());
            return applicable(cached.orElse(null));
        }
        if (record.isEmpty()) {
            return applicable(cached.orElse(null)); // §5.1: a cached policy outlives its record until max_age
        }
        String id = record.get().id();
        if (cached.isPresent() && cached.get().id().equals(id)) {
            return applicable(cached.get());
        }
        Failed failed = failures.get(domain + " " + id);
        if (failed != null && failed.until().isAfter(now)) {
            return cached.isPresent() ? applicable(cached.get()) : failed.lookup();
        }
        try {
            StsLookup.Present fetched = fetch(domain, id, now);
            failures.remove(domain + " " + id);
            return applicable(fetched);
        } catch (PolicyFetchException e) {
            log.info("MTA-STS: no policy for {} (id {}): {}: {}", domain, id, e.type().keyword(), e.getMessage());
            StsLookup.Unavailable unavailable = new StsLookup.Unavailable(e.type(), e.getMessage());
            if (failures.size() >= MAX_REMEMBERED_FAILURES) {
                failures.clear();
            }
            failures.put(domain + " " + id, new Failed(now.plus(properties.retryFetchAfter()), unavailable));
            return cached.isPresent() ? applicable(cached.get()) : unavailable;
        }
    }

    private StsLookup.Present fetch(String domain, String id, Instant now) throws PolicyFetchException {
        String text = fetcher.fetch(domain);
        MtaStsPolicy policy;
        try {
            policy = MtaStsPolicyParser.parse(text);
        } catch (MtaStsSyntaxException e) {
            throw new PolicyFetchException(TlsResultType.STS_POLICY_INVALID, "the policy of " + domain + " is invalid: "
                    + e.getMessage());
        }
        cache.save(new CachedPolicy(domain, id, text, now, now.plus(policy.maxAge())));
        log.info("MTA-STS: {} has policy {} in mode {} for {}", domain, id, policy.mode().keyword(), policy.mx());
        return new StsLookup.Present(policy, id);
    }

    private Optional<StsLookup.Present> cached(String domain, Instant now) {
        Optional<CachedPolicy> row = cache.find(domain).filter(p -> p.expiresAt().isAfter(now));
        if (row.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new StsLookup.Present(MtaStsPolicyParser.parse(row.get().policy()), row.get().id()));
        } catch (MtaStsSyntaxException e) {
            return Optional.empty(); // only valid policies are stored; one that no longer parses is no policy
        }
    }

    /** Mode none is no policy (§5). */
    private static StsLookup applicable(StsLookup.Present present) {
        return present == null || present.policy().mode() == MtaStsMode.NONE ? StsLookup.ABSENT : present;
    }
}
