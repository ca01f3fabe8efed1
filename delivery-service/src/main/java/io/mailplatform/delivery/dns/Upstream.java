package io.mailplatform.delivery.dns;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * Sends queries to the recursive resolvers. A query is tried once at a time: the first try goes to
 * the first resolver; after {@code timeout} without an answer, or at once after a SERVFAIL, REFUSED
 * or network error, the next try goes to the next resolver in turn. Earlier tries keep listening, so
 * a late answer still counts; the first usable response (NOERROR or NXDOMAIN) wins. UDP, with TCP
 * for a truncated answer (dnsjava's {@link SimpleResolver}).
 */
final class Upstream {
    private final List<SimpleResolver> servers = new ArrayList<>();
    private final Duration timeout;
    private final int tries;
    private final ScheduledExecutorService timer;

    /**
     * @param addresses the resolvers, in the order they are tried
     * @param timeout how long one try waits before the next is sent
     * @param retries tries after the first
     * @param timer runs the per-try timeouts
     */
    Upstream(List<InetSocketAddress> addresses, Duration timeout, int retries, ScheduledExecutorService timer) {
        for (InetSocketAddress address : addresses) {
            SimpleResolver resolver = new SimpleResolver(address);
            // a try listens until the whole query is over (later tries may have been sent meanwhile)
            resolver.setTimeout(timeout.multipliedBy(retries + 1L));
            resolver.setEDNS(0); // RFC 6891: larger UDP answers, fewer TCP fallbacks
            servers.add(resolver);
        }
        this.timeout = timeout;
        this.tries = retries + 1;
        this.timer = timer;
    }

    /** The response to a query for (name, type, IN); fails with {@link DnsException} once every try failed. */
    CompletableFuture<Message> send(Name name, int type) {
        return new Exchange(name, type).start();
    }

    /** One query and its tries. */
    private final class Exchange {
        private final Name name;
        private final int type;
        private final CompletableFuture<Message> result = new CompletableFuture<>();
        private final AtomicInteger sent = new AtomicInteger();
        private final AtomicInteger failed = new AtomicInteger();
        private volatile String problem = "no answer";

        Exchange(Name name, int type) {
            this.name = name;
            this.type = type;
        }

        CompletableFuture<Message> start() {
            send(0);
            return result;
        }

        /** Sends try {@code attempt} unless it went out already or the query is over. */
        private void send(int attempt) {
            if (result.isDone() || attempt >= tries || !sent.compareAndSet(attempt, attempt + 1)) {
                return;
            }
            SimpleResolver server = servers.get(attempt % servers.size());
            // a fresh message ID (and dnsjava a fresh source port) for every try
            Message query = Message.newQuery(org.xbill.DNS.Record.newRecord(name, type, DClass.IN));
            try {
                server.sendAsync(query).whenComplete((response, error) -> received(attempt, server, response, error));
            } catch (RuntimeException e) {
                received(attempt, server, null, e);
            }
            timer.schedule(() -> timedOut(attempt), timeout.toNanos(), TimeUnit.NANOSECONDS);
        }

        private void received(int attempt, SimpleResolver server, Message response, Throwable error) {
            if (error == null) {
                int rcode = response.getRcode();
                if (rcode == Rcode.NOERROR || rcode == Rcode.NXDOMAIN) {
                    result.complete(response);
                    return;
                }
                problem = Rcode.string(rcode) + " from " + address(server);
            } else {
                problem = (error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage())
                        + " (" + address(server) + ")";
            }
            if (failed.incrementAndGet() >= tries) {
                fail();
            } else {
                send(attempt + 1);
            }
        }

        private void timedOut(int attempt) {
            if (attempt + 1 >= tries) {
                problem = sent.get() > failed.get() ? "no answer within " + timeout.multipliedBy(tries).toMillis()
                        + " ms (" + tries + " tries)" : problem;
                fail();
            } else {
                send(attempt + 1);
            }
        }

        private void fail() {
            result.completeExceptionally(new DnsException(Type.string(type) + " " + name + ": " + problem));
        }
    }

    private static String address(SimpleResolver server) {
        InetSocketAddress address = server.getAddress();
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }
}
