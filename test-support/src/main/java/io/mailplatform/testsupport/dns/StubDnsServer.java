package io.mailplatform.testsupport.dns;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Master;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A real DNS server on 127.0.0.1 for tests, UDP and TCP on one port, answering like a recursive
 * resolver from records the test gives in zone-file syntax: CNAME chains followed within the answer
 * (or not, {@link #followCnames(boolean)}), NXDOMAIN for names it has no records under, NODATA for
 * names without records of the asked type, the SOA of the enclosing zone in negative answers only
 * when the test added one (like a resolver that omits it), a UDP answer longer than the client's
 * buffer truncated (TC) so that the client retries over TCP. Scriptable per name (and its
 * subdomains): never answer, answer late, SERVFAIL; and for the whole server: drop the queries beyond
 * a burst, as a rate-limited resolver does. Counts every query.
 */
public final class StubDnsServer implements AutoCloseable {
    private static final int MAX_CHAIN = 16;

    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private final ScheduledExecutorService scheduler;
    private final Map<String, List<org.xbill.DNS.Record>> records = new ConcurrentHashMap<>();
    private final Set<String> names = ConcurrentHashMap.newKeySet();
    private final Map<String, Duration> delays = new ConcurrentHashMap<>();
    private final Set<String> silent = ConcurrentHashMap.newKeySet();
    private final Set<String> failing = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> queriesByQuestion = new ConcurrentHashMap<>();
    private final AtomicInteger queries = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();
    private final AtomicInteger outstanding = new AtomicInteger();
    private final AtomicInteger maxOutstanding = new AtomicInteger();
    private volatile boolean followCnames = true;
    private volatile int burst;
    private volatile double refillPerSecond;
    private double tokens;
    private long lastRefill = System.nanoTime();

    private StubDnsServer(DatagramSocket udp, ServerSocket tcp) {
        this.udp = udp;
        this.tcp = tcp;
        this.scheduler = Executors.newScheduledThreadPool(2, daemon("stub-dns-answer"));
        daemon("stub-dns-udp").newThread(this::serveUdp).start();
        daemon("stub-dns-tcp").newThread(this::serveTcp).start();
    }

    /** Starts a server on a free port of 127.0.0.1 (UDP and TCP). */
    public static StubDnsServer start() throws IOException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        for (int attempt = 0; ; attempt++) {
            DatagramSocket udp = new DatagramSocket(0, loopback);
            try {
                return new StubDnsServer(udp, new ServerSocket(udp.getLocalPort(), 50, loopback));
            } catch (IOException e) {
                udp.close(); // the port is taken for TCP: another one
                if (attempt == 20) {
                    throw e;
                }
            }
        }
    }

    /** {@code 127.0.0.1:port}, as the resolver settings take it. */
    public String address() {
        return "127.0.0.1:" + udp.getLocalPort();
    }

    public int port() {
        return udp.getLocalPort();
    }

    /** Adds a record in zone-file syntax with an absolute owner, e.g. {@code "example.org. 300 IN MX 10 mx.example.org."}. */
    public StubDnsServer add(String zoneLine) {
        org.xbill.DNS.Record record = parse(zoneLine);
        records.computeIfAbsent(key(record.getName(), record.getType()), k -> new java.util.concurrent.CopyOnWriteArrayList<>())
                .add(record);
        for (Name name = record.getName(); name.labels() > 1; name = new Name(name, 1)) {
            names.add(lower(name)); // the owner and the empty non-terminals above it exist
        }
        return this;
    }

    private static org.xbill.DNS.Record parse(String zoneLine) {
        try {
            return new Master(new ByteArrayInputStream(zoneLine.getBytes(StandardCharsets.UTF_8)), Name.root).nextRecord();
        } catch (IOException e) {
            throw new UncheckedIOException("bad zone line: " + zoneLine, e);
        }
    }

    /** Replaces the records of the line's owner and type by this one (a changed record, as a zone update). */
    public StubDnsServer replace(String zoneLine) {
        org.xbill.DNS.Record record = parse(zoneLine);
        records.remove(key(record.getName(), record.getType()));
        return add(zoneLine);
    }

    /** Queries for this name or its subdomains are received and counted, never answered. */
    public StubDnsServer silent(String name) {
        silent.add(normal(name));
        return this;
    }

    /** Queries for this name or its subdomains are answered SERVFAIL. */
    public StubDnsServer servfail(String name) {
        failing.add(normal(name));
        return this;
    }

    /** Queries for this name or its subdomains are answered after this delay. */
    public StubDnsServer delay(String name, Duration delay) {
        delays.put(normal(name), delay);
        return this;
    }

    /** Whether CNAME chains are followed in the answer (a recursive resolver's way; default true). */
    public StubDnsServer followCnames(boolean follow) {
        this.followCnames = follow;
        return this;
    }

    /**
     * Answers at most {@code burst} queries at once, then {@code perSecond} more each second; the
     * others are dropped without an answer, as the rate-limited resolver of a small host does.
     */
    public synchronized StubDnsServer burstLimit(int burst, double perSecond) {
        this.burst = burst;
        this.refillPerSecond = perSecond;
        this.tokens = burst;
        this.lastRefill = System.nanoTime();
        return this;
    }

    /** Every query received, answered or not. */
    public int queries() {
        return queries.get();
    }

    /** Queries received for this name and type (e.g. "MX"). */
    public int queries(String name, String type) {
        AtomicInteger count = queriesByQuestion.get(normal(name) + "/" + Type.value(type));
        return count == null ? 0 : count.get();
    }

    /** Queries dropped by the burst limit. */
    public int dropped() {
        return dropped.get();
    }

    /** The most queries that were received and not yet answered at any one time (delayed answers). */
    public int maxOutstanding() {
        return maxOutstanding.get();
    }

    // ---- serving ----------------------------------------------------------------------------

    private void serveUdp() {
        byte[] buffer = new byte[65535];
        while (!udp.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                udp.receive(packet);
                byte[] wire = Arrays.copyOf(packet.getData(), packet.getLength());
                SocketAddress client = packet.getSocketAddress();
                handle(wire, false, answer -> {
                    try {
                        udp.send(new DatagramPacket(answer, answer.length, client));
                    } catch (IOException e) {
                        // the client is gone
                    }
                });
            } catch (IOException e) {
                if (udp.isClosed()) {
                    return;
                }
            }
        }
    }

    private void serveTcp() {
        while (!tcp.isClosed()) {
            try {
                Socket socket = tcp.accept();
                daemon("stub-dns-tcp-connection").newThread(() -> serveTcp(socket)).start();
            } catch (IOException e) {
                if (tcp.isClosed()) {
                    return;
                }
            }
        }
    }

    /** RFC 1035 §4.2.2: each message preceded by its two-octet length. */
    private void serveTcp(Socket socket) {
        try (socket) {
            socket.setSoTimeout(10_000);
            DataInputStream in = new DataInputStream(socket.getInputStream());
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            while (true) {
                byte[] wire = new byte[in.readUnsignedShort()];
                in.readFully(wire);
                handle(wire, true, answer -> {
                    synchronized (out) {
                        try {
                            out.writeShort(answer.length);
                            out.write(answer);
                            out.flush();
                        } catch (IOException e) {
                            // the client is gone
                        }
                    }
                });
            }
        } catch (IOException e) {
            // closed
        }
    }

    private void handle(byte[] wire, boolean overTcp, Consumer<byte[]> reply) {
        queries.incrementAndGet();
        Message query;
        try {
            query = new Message(wire);
        } catch (IOException e) {
            return;
        }
        org.xbill.DNS.Record question = query.getQuestion();
        if (question == null) {
            return;
        }
        Name name = question.getName();
        queriesByQuestion.computeIfAbsent(lower(name) + "/" + question.getType(), k -> new AtomicInteger()).incrementAndGet();
        if (!takeToken()) {
            dropped.incrementAndGet();
            return;
        }
        if (matches(silent, name)) {
            return;
        }
        byte[] answer = answerWire(query, overTcp);
        Duration delay = delayFor(name);
        if (delay == null) {
            reply.accept(answer);
            return;
        }
        int now = outstanding.incrementAndGet();
        maxOutstanding.accumulateAndGet(now, Math::max);
        scheduler.schedule(() -> {
            outstanding.decrementAndGet();
            reply.accept(answer);
        }, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private synchronized boolean takeToken() {
        if (burst <= 0) {
            return true;
        }
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - lastRefill) / 1e9 * refillPerSecond);
        lastRefill = now;
        if (tokens < 1) {
            return false;
        }
        tokens--;
        return true;
    }

    private byte[] answerWire(Message query, boolean overTcp) {
        Message response = answer(query);
        byte[] wire = response.toWire();
        OPTRecord opt = query.getOPT();
        int limit = overTcp ? 65535 : Math.max(512, opt == null ? 512 : opt.getPayloadSize());
        if (wire.length <= limit) {
            return wire;
        }
        Message truncated = new Message(query.getHeader().getID());
        truncated.getHeader().setFlag(Flags.QR);
        truncated.getHeader().setFlag(Flags.RA);
        truncated.getHeader().setFlag(Flags.TC);
        truncated.addRecord(query.getQuestion(), Section.QUESTION);
        return truncated.toWire();
    }

    /** The answer of a recursive resolver that knows exactly the records given. */
    private Message answer(Message query) {
        org.xbill.DNS.Record question = query.getQuestion();
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        if (query.getHeader().getFlag(Flags.RD)) {
            response.getHeader().setFlag(Flags.RD);
        }
        response.getHeader().setFlag(Flags.RA);
        response.addRecord(question, Section.QUESTION);
        if (matches(failing, question.getName())) {
            response.getHeader().setRcode(Rcode.SERVFAIL);
            return response;
        }
        Name current = question.getName();
        int type = question.getType();
        Set<Name> seen = new HashSet<>();
        for (int hop = 0; hop < MAX_CHAIN && seen.add(current); hop++) {
            List<org.xbill.DNS.Record> found = records.get(key(current, type));
            if (found != null && !found.isEmpty()) {
                found.forEach(r -> response.addRecord(r, Section.ANSWER));
                return response;
            }
            List<org.xbill.DNS.Record> alias = type == Type.CNAME ? null : records.get(key(current, Type.CNAME));
            if (alias == null || alias.isEmpty()) {
                break;
            }
            response.addRecord(alias.get(0), Section.ANSWER);
            if (!followCnames) {
                return response;
            }
            current = ((CNAMERecord) alias.get(0)).getTarget();
        }
        if (!names.contains(lower(current))) {
            response.getHeader().setRcode(Rcode.NXDOMAIN);
        }
        org.xbill.DNS.Record soa = enclosingSoa(current);
        if (soa != null) {
            response.addRecord(soa, Section.AUTHORITY);
        }
        return response;
    }

    private org.xbill.DNS.Record enclosingSoa(Name name) {
        for (Name zone = name; zone.labels() > 1; zone = new Name(zone, 1)) {
            List<org.xbill.DNS.Record> soa = records.get(key(zone, Type.SOA));
            if (soa != null && !soa.isEmpty()) {
                return soa.get(0);
            }
        }
        return null;
    }

    private Duration delayFor(Name name) {
        for (Map.Entry<String, Duration> rule : delays.entrySet()) {
            if (within(lower(name), rule.getKey())) {
                return rule.getValue();
            }
        }
        return null;
    }

    private static boolean matches(Set<String> rules, Name name) {
        String n = lower(name);
        for (String rule : rules) {
            if (within(n, rule)) {
                return true;
            }
        }
        return false;
    }

    private static boolean within(String name, String rule) {
        return name.equals(rule) || name.endsWith("." + rule);
    }

    private static String key(Name name, int type) {
        return lower(name) + "/" + type;
    }

    private static String lower(Name name) {
        return normal(name.toString(true));
    }

    private static String normal(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close() {
        udp.close();
        try {
            tcp.close();
        } catch (IOException e) {
            // closing anyway
        }
        scheduler.shutdownNow();
    }

    /** Every owner name given, for diagnostics. */
    @Override
    public String toString() {
        return "StubDnsServer[" + address() + ", " + new ArrayList<>(names) + "]";
    }
}
