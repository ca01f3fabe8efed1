package io.mailplatform.bench.smtp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * SMTP load driver: sends N messages of S octets over C concurrent connections, each transaction
 * pipelined (MAIL, RCPT and DATA in one write, RFC 2920; the text and its terminator in a second),
 * and reports accepted messages per second and the p50/p99 latency of the reply to the end of the
 * data, which the gateway sends only once Kafka has acknowledged the message.
 *
 * <pre>
 * java ... io.mailplatform.bench.smtp.SmtpLoadDriver --port 12525 --messages 100000 --size 4096 --connections 32
 * </pre>
 * Options: {@code --host} (127.0.0.1), {@code --port} (2525), {@code --messages} (10000), {@code --size}
 * (4096), {@code --connections} (32), {@code --warmup} (messages sent first and not measured, default
 * a tenth), {@code --from}, {@code --to} (bench@example.test).
 */
public final class SmtpLoadDriver {

    /** What to send where. */
    public record Options(String host, int port, int messages, int size, int connections, int warmup, String from,
            String to) {
        static Options parse(String[] args) {
            Map<String, String> map = new HashMap<>();
            for (int i = 0; i + 1 < args.length; i += 2) {
                map.put(args[i].replaceFirst("^--", ""), args[i + 1]);
            }
            int messages = Integer.parseInt(map.getOrDefault("messages", "10000"));
            return new Options(map.getOrDefault("host", "127.0.0.1"), Integer.parseInt(map.getOrDefault("port", "2525")),
                    messages, Integer.parseInt(map.getOrDefault("size", "4096")),
                    Integer.parseInt(map.getOrDefault("connections", "32")),
                    Integer.parseInt(map.getOrDefault("warmup", Integer.toString(messages / 10))),
                    map.getOrDefault("from", "load@example.org"), map.getOrDefault("to", "bench@example.test"));
        }
    }

    /** The result of one phase. */
    public record Result(int accepted, int refused, long elapsedNanos, long[] latencies) {
    }

    private SmtpLoadDriver() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        byte[] body = body(options.size());
        System.out.printf(Locale.ROOT, "SMTP load: %d messages of %d octets over %d connections to %s:%d (warm-up %d)%n",
                options.messages(), options.size(), options.connections(), options.host(), options.port(), options.warmup());
        if (options.warmup() > 0) {
            run(options, options.warmup(), body);
        }
        Result result = run(options, options.messages(), body);
        long[] latencies = result.latencies();
        Arrays.sort(latencies);
        double seconds = result.elapsedNanos() / 1e9;
        System.out.printf(Locale.ROOT, "accepted %d, refused %d in %.2f s: %.0f messages/s, %.1f MB/s%n", result.accepted(),
                result.refused(), seconds, result.accepted() / seconds, result.accepted() * (double) options.size() / seconds / 1e6);
        System.out.printf(Locale.ROOT, "latency of the reply to the end of data: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                percentile(latencies, 0.50), percentile(latencies, 0.99), latencies.length == 0 ? 0 : latencies[latencies.length - 1] / 1e6);
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    /** Sends {@code messages} copies of {@code body} (see {@link #body}) over {@code options.connections()} sessions. */
    public static Result run(Options options, int messages, byte[] body) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicLong failure = new AtomicLong();
        List<long[]> latencies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < options.connections(); c++) {
            long[] own = new long[messages];
            int[] count = new int[1];
            latencies.add(own);
            Thread thread = new Thread(() -> {
                try {
                    count[0] = connection(options, messages, body, next, accepted, refused, own);
                } catch (IOException e) {
                    failure.incrementAndGet();
                    System.err.println("connection failed: " + e);
                }
                own[messages - 1] = count[0]; // the last slot holds how many latencies were recorded
            }, "smtp-load-" + c);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        long elapsed = System.nanoTime() - start;
        if (failure.get() > 0) {
            throw new IllegalStateException(failure.get() + " connections failed");
        }
        int total = 0;
        for (long[] own : latencies) {
            total += (int) own[own.length - 1];
        }
        long[] all = new long[total];
        int offset = 0;
        for (long[] own : latencies) {
            int n = (int) own[own.length - 1];
            System.arraycopy(own, 0, all, offset, n);
            offset += n;
        }
        return new Result(accepted.get(), refused.get(), elapsed, all);
    }

    /** One connection: transactions until all messages are taken; returns how many latencies it recorded. */
    private static int connection(Options options, int messages, byte[] body, AtomicInteger next, AtomicInteger accepted,
            AtomicInteger refused, long[] latencies) throws IOException {
        int recorded = 0;
        try (SmtpBenchSession session = SmtpBenchSession.open(options.host(), options.port())) {
            byte[] envelope = SmtpBenchSession.envelope(options.from(), options.to(), body.length);
            while (next.getAndIncrement() < messages) {
                SmtpBenchSession.Reply reply = session.send(envelope, body);
                if (recorded < latencies.length - 1) {
                    latencies[recorded++] = reply.nanos();
                }
                if (reply.accepted()) {
                    accepted.incrementAndGet();
                } else {
                    refused.incrementAndGet();
                }
            }
            session.quit();
        }
        return recorded;
    }

    /** A message of exactly {@code size} octets before the terminator: headers, then 78-octet lines. */
    public static byte[] body(int size) {
        return body("From: load@example.org\r\nTo: bench@example.test\r\nSubject: load test\r\n", size);
    }

    /** The same with the given header section (CRLF-terminated fields; the blank line is added). */
    public static byte[] body(String headers, int size) {
        StringBuilder text = new StringBuilder(size + 8);
        text.append(headers).append("\r\n");
        String line = "The quick brown fox jumps over the lazy dog. 0123456789 abcdefghijklmnopqrst\r\n";
        while (text.length() + line.length() <= size) {
            text.append(line);
        }
        while (text.length() < size - 2) {
            text.append('x');
        }
        text.append("\r\n");
        text.append(".\r\n");
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
