package io.mailplatform.delivery.dns;

import io.mailplatform.delivery.config.DeliveryProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The DNS client of the delivery service. Every look-up goes through, in order:
 * <ol>
 * <li>the cache: answers for their TTL, negative ones (NXDOMAIN, NODATA) too, with a minimum
 * even when the resolver sends no SOA; failures for {@code failure-ttl};</li>
 * <li>the queries in flight: a look-up identical to one already sent waits for that one's answer
 * (one upstream query, any number of waiters);</li>
 * <li>the {@link QueryLimiter}: at most {@code max-concurrent-queries} out at once;</li>
 * <li>{@link Upstream}: short tries spread over the configured resolvers.</li>
 * </ol>
 * CNAME chains are followed, in the response or by asking for the target, up to {@code max-cname-chain}.
 * Thread-safe; one instance serves the whole service.
 */
public final class CachingDnsResolver implements DnsResolver, AutoCloseable {
    private final DnsCache cache;
    private final ConcurrentMap<DnsCache.Key, CompletableFuture<ResponseReading>> inFlight = new ConcurrentHashMap<>();
    private final QueryLimiter limiter;
    private final Upstream upstream;
    private final ResponseReader reader;
    private final ScheduledExecutorService timer;
    private final Duration failureTtl;
    private final int maxCnameChain;
    private final Duration waitLimit;
    private final DnsMeters meters;

    public CachingDnsResolver(DeliveryProperties.Dns settings) {
        this(settings, Clock.systemUTC());
    }

    public CachingDnsResolver(DeliveryProperties.Dns settings, Clock clock) {
        this(settings, clock, new SimpleMeterRegistry());
    }

    /** @param registry where {@code mail.dns.queries} is recorded ({@link DnsMeters}) */
    public CachingDnsResolver(DeliveryProperties.Dns settings, Clock clock, MeterRegistry registry) {
        this.meters = new DnsMeters(registry);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "dns-timer");
            thread.setDaemon(true);
            return thread;
        });
        this.cache = new DnsCache(settings.cacheSize(), clock);
        Duration budget = settings.queryBudget();
        this.limiter = new QueryLimiter(settings.maxConcurrentQueries(), budget.toNanos(), System::nanoTime);
        this.upstream = new Upstream(ResolverAddresses.of(settings.resolvers()), settings.timeout(), settings.retries(),
                timer);
        this.reader = new ResponseReader(settings.maxTtl(), settings.minNegativeTtl(), settings.maxNegativeTtl());
        this.failureTtl = settings.failureTtl();
        this.maxCnameChain = settings.maxCnameChain();
        // a caller waits for its place in the queue and for the query itself, each at most one budget
        this.waitLimit = budget.multipliedBy(2).plusSeconds(1);
    }

    @Override
    public DnsAnswer<String> txt(String name) throws DnsException {
        return lookup(name, Type.TXT, record -> {
            ByteArrayOutputStream joined = new ByteArrayOutputStream();
            for (byte[] string : ((TXTRecord) record).getStringsAsByteArrays()) {
                joined.writeBytes(string);
            }
            return joined.toString(StandardCharsets.ISO_8859_1);
        });
    }

    @Override
    public DnsAnswer<InetAddress> addresses(String name, boolean ipv6) throws DnsException {
        return ipv6 ? lookup(name, Type.AAAA, record -> ((AAAARecord) record).getAddress())
                : lookup(name, Type.A, record -> ((ARecord) record).getAddress());
    }

    @Override
    public DnsAnswer<MailExchange> mx(String name) throws DnsException {
        return lookup(name, Type.MX, record -> {
            MXRecord mx = (MXRecord) record;
            Name target = mx.getTarget();
            return new MailExchange(mx.getPriority(),
                    target.equals(Name.root) ? MailExchange.NULL_EXCHANGE : target.toString(true));
        });
    }

    @Override
    public DnsAnswer<String> ptr(String name) throws DnsException {
        return lookup(name, Type.PTR, record -> ((PTRRecord) record).getTarget().toString(true));
    }

    /** Queries out upstream right now. */
    public int activeQueries() {
        return limiter.active();
    }

    private <T> DnsAnswer<T> lookup(String name, int type, Function<org.xbill.DNS.Record, T> data) throws DnsException {
        Name query;
        try {
            query = Name.fromString(name.endsWith(".") ? name : name + ".");
        } catch (TextParseException e) {
            return DnsAnswer.noSuchName(Duration.ZERO); // a name DNS cannot carry does not exist
        }
        DnsAnswer<org.xbill.DNS.Record> answer = await(resolve(query, type, 0), type, name);
        List<T> out = new ArrayList<>(answer.records().size());
        for (org.xbill.DNS.Record record : answer.records()) {
            out.add(data.apply(record));
        }
        return new DnsAnswer<>(out, answer.nameExists(), answer.ttl());
    }

    private <T> T await(CompletableFuture<T> future, int type, String name) throws DnsException {
        try {
            return future.get(waitLimit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw unwrap(e.getCause(), type, name);
        } catch (TimeoutException e) {
            throw new DnsException(Type.string(type) + " " + name + ": no answer within " + waitLimit.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DnsException(Type.string(type) + " " + name + ": interrupted", e);
        }
    }

    private static DnsException unwrap(Throwable failure, int type, String name) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof DnsException dns) {
            return dns;
        }
        return new DnsException(Type.string(type) + " " + name + ": " + cause, cause);
    }

    /** The records of {@code type} at the end of the CNAME chain from {@code name}. */
    private CompletableFuture<DnsAnswer<org.xbill.DNS.Record>> resolve(Name name, int type, int hops) {
        return query(name, type).thenCompose(reading -> {
            if (reading instanceof ResponseReading.Answered answered) {
                return CompletableFuture.completedFuture(answered.answer());
            }
            ResponseReading.Alias alias = (ResponseReading.Alias) reading;
            int total = hops + alias.hops();
            if (total > maxCnameChain) {
                return CompletableFuture.failedFuture(new DnsException(Type.string(type) + " " + name
                        + ": CNAME chain longer than " + maxCnameChain));
            }
            return resolve(alias.target(), type, total).thenApply(answer -> answer.ttl().compareTo(alias.ttl()) <= 0
                    ? answer : new DnsAnswer<>(answer.records(), answer.nameExists(), alias.ttl()));
        });
    }

    /** One question: from the cache, joined to the identical query in flight, or sent. */
    private CompletableFuture<ResponseReading> query(Name name, int type) {
        DnsCache.Key key = new DnsCache.Key(name, type);
        CompletableFuture<ResponseReading> cached = cached(key);
        if (cached != null) {
            return cached;
        }
        CompletableFuture<ResponseReading> mine = new CompletableFuture<>();
        CompletableFuture<ResponseReading> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            return running;
        }
        // the query that was in flight may have finished between the cache look-up and now
        cached = cached(key);
        if (cached != null) {
            inFlight.remove(key, mine);
            cached.whenComplete((reading, error) -> complete(mine, reading, error));
            return mine;
        }
        long queued = System.nanoTime();
        limiter.submit(() -> upstream.send(name, type)).whenComplete((response, error) -> {
            ResponseReading reading = null;
            Throwable failure = error;
            if (error == null) {
                try {
                    reading = reader.read(response, name, type);
                    cache.put(key, reading, reading.ttl());
                } catch (RuntimeException e) {
                    failure = e;
                }
            }
            if (failure != null) {
                DnsException problem = unwrap(failure, type, name.toString(true));
                cache.putFailure(key, problem.getMessage(), failureTtl);
                failure = problem;
            }
            meters.record(type, failure == null, queued);
            inFlight.remove(key, mine);
            complete(mine, reading, failure);
        });
        return mine;
    }

    private CompletableFuture<ResponseReading> cached(DnsCache.Key key) {
        DnsCache.Entry entry = cache.get(key);
        if (entry == null) {
            return null;
        }
        return entry.failure() == null ? CompletableFuture.completedFuture(entry.reading())
                : CompletableFuture.failedFuture(new DnsException(entry.failure()));
    }

    private static void complete(CompletableFuture<ResponseReading> future, ResponseReading reading, Throwable error) {
        if (error == null) {
            future.complete(reading);
        } else {
            future.completeExceptionally(error);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
