package io.mailplatform.bench.soak;

import io.mailplatform.bench.imap.BenchImapClient;
import io.mailplatform.bench.pop3.Pop3BenchClient;
import io.mailplatform.bench.smtp.SmtpBenchSession;
import io.mailplatform.bench.smtp.SmtpLoadDriver;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Soak load against a running platform (started by {@code benchmarks/soak.sh}): SMTP senders at a
 * fixed rate, open loop (message n is due at n / rate seconds, however long the earlier ones took),
 * each message to one account; an IMAP session per IMAP account that IDLEs, FETCHes what EXISTS
 * announced and STOREs \Seen on it; a POP3 client per POP3 account that retrieves and deletes
 * everything every few seconds. Every interval it samples the counters, the latencies and the
 * platform's heap and GC (see {@link JvmMetrics}); the table and the plot go to the output directory
 * (see {@link SoakReport}). Exits 1 when there were errors or a message was lost.
 *
 * <pre>
 * java -cp ... io.mailplatform.bench.soak.SoakDriver --seconds 1800 --rate 20 --smtp-port 27525 ...
 * </pre>
 * Options: see {@link SoakOptions}.
 */
public final class SoakDriver {
    /** The message number in the Subject and the Message-ID: "soak-123". */
    private static final Pattern SOAK_ID = Pattern.compile("soak-(\\d+)");
    private static final Pattern UID = Pattern.compile("\\bUID (\\d+)");
    private static final Pattern EXISTS = Pattern.compile("^\\* (\\d+) EXISTS");

    private final SoakOptions options;
    private final Ledger ledger;
    private final LatencyRecorder smtpLatency = new LatencyRecorder();
    private final LatencyRecorder deliveryLatency = new LatencyRecorder();
    private final LatencyRecorder fetchLatency = new LatencyRecorder();
    private final LatencyRecorder retrLatency = new LatencyRecorder();
    private final AtomicLong errors = new AtomicLong();
    private final List<String> firstErrors = new ArrayList<>();
    private final ConcurrentHashMap.KeySetView<Closeable, Boolean> open = ConcurrentHashMap.newKeySet();
    private volatile boolean sending = true;
    private volatile boolean reading = true;

    private SoakDriver(SoakOptions options) {
        this.options = options;
        this.ledger = new Ledger(options.capacity());
    }

    public static void main(String[] args) throws Exception {
        SoakOptions options = SoakOptions.parse(args);
        System.exit(new SoakDriver(options).run() ? 0 : 1);
    }

    private boolean run() throws Exception {
        System.out.printf(Locale.ROOT, "soak: %.1f messages/s of %d-%d octets for %d s over %d SMTP sessions to %d IMAP "
                        + "and %d POP3 accounts, a sample every %d s%n", options.rate(), options.minSize(), options.maxSize(),
                options.duration().toSeconds(), options.smtpSessions(), options.imapAccounts(), options.pop3Accounts(),
                options.interval().toSeconds());
        List<Thread> readers = new ArrayList<>();
        for (int a = 0; a < options.accounts(); a++) {
            String account = options.account(a);
            readers.add(a < options.imapAccounts() ? start("imap-" + a, () -> imapReader(account))
                    : start("pop3-" + a, () -> pop3Reader(account)));
        }
        Thread.sleep(2000); // the readers are logged in and idling before the first message
        long start = System.nanoTime();
        List<Thread> senders = new ArrayList<>();
        for (int s = 0; s < options.smtpSessions(); s++) {
            int first = s;
            senders.add(start("smtp-" + s, () -> sender(start, first)));
        }
        SoakReport report = new SoakReport(options.output());
        JvmMetrics.Scraper scraper = new JvmMetrics.Scraper(options.metricsUrl());
        long end = start + options.duration().toNanos();
        long drainEnd = end + options.drain().toNanos();
        long intervalNanos = options.interval().toNanos();
        long next = start + intervalNanos;
        long lastSent = 0;
        long lastDelivered = 0;
        JvmMetrics lastJvm = new JvmMetrics(Double.NaN, 0, 0, Double.NaN);
        while (true) {
            LockSupport.parkNanos(next - System.nanoTime());
            long now = System.nanoTime();
            if (now >= end && sending) {
                sending = false;
            }
            try {
                lastJvm = scraper.scrape();
            } catch (IOException e) {
                error("scraping " + options.metricsUrl() + ": " + e);
            }
            long sent = ledger.sent.get();
            long delivered = ledger.delivered.get();
            double seconds = (double) (now - start) / 1e9;
            double elapsed = (double) intervalNanos / 1e9;
            SoakSample sample = new SoakSample(seconds, sent, ledger.accepted.get(), delivered,
                    (sent - lastSent) / elapsed, (delivered - lastDelivered) / elapsed, smtpLatency.takeInterval(),
                    deliveryLatency.takeInterval(), fetchLatency.takeInterval(), retrLatency.takeInterval(), lastJvm,
                    errors());
            report.add(sample);
            System.out.println(sample.csv());
            lastSent = sent;
            lastDelivered = delivered;
            boolean sendersDone = senders.stream().noneMatch(Thread::isAlive);
            if (sendersDone && !sending && (ledger.delivered.get() >= ledger.accepted.get() || now >= drainEnd)) {
                break;
            }
            next += intervalNanos;
        }
        reading = false;
        for (Closeable closeable : open) {
            closeable.close();
        }
        for (Thread reader : readers) {
            reader.join(TimeUnit.SECONDS.toMillis(10));
        }
        long[] lostAndUnexpected = ledger.lostAndUnexpected();
        SoakReport.Summary summary = new SoakReport.Summary(options, ledger.sent.get(), ledger.accepted.get(),
                ledger.refused.get(), ledger.delivered.get(), lostAndUnexpected[0], ledger.duplicates.get(),
                lostAndUnexpected[1], errors.get(), smtpLatency.total(), deliveryLatency.total(), fetchLatency.total(),
                retrLatency.total(), List.copyOf(firstErrors));
        report.write(summary);
        System.out.println(summary.text());
        System.out.println("soak: table, CSV and plot in " + options.output());
        return summary.clean();
    }

    private long errors() {
        return errors.get() + ledger.duplicates.get() + ledger.unexpected.get(); // a refusal is in errors already
    }

    /** Sends messages first, first + sessions, ... each when it is due, over one session, reconnecting after a failure. */
    private void sender(long start, int first) {
        SplittableRandom random = new SplittableRandom(first);
        SmtpBenchSession session = null;
        for (int id = first + 1; id < ledger.capacity() && sending; id += options.smtpSessions()) {
            LockSupport.parkNanos(start + (long) (id / options.rate() * 1e9) - System.nanoTime());
            if (!sending) {
                break;
            }
            int size = random.nextInt(options.minSize(), options.maxSize() + 1);
            String to = options.account(id % options.accounts());
            byte[] text = SmtpLoadDriver.body("From: soak@example.org\r\nTo: " + to + "\r\nSubject: soak-" + id
                    + "\r\nMessage-ID: <soak-" + id + "@example.org>\r\n", size);
            ledger.sent.incrementAndGet();
            try {
                if (session == null) {
                    session = SmtpBenchSession.open(options.host(), options.smtpPort());
                }
                SmtpBenchSession.Reply reply = session.send(SmtpBenchSession.envelope("soak@example.org", to, text.length),
                        text);
                if (reply.accepted()) {
                    ledger.accepted(id, System.nanoTime());
                    smtpLatency.record(reply.nanos());
                } else {
                    ledger.refused.incrementAndGet();
                    error("message " + id + " refused: " + reply.line());
                }
            } catch (IOException e) {
                error("SMTP, message " + id + ": " + e);
                closeQuietly(session);
                session = null;
            }
        }
        if (session != null) {
            try {
                session.quit();
            } catch (IOException e) {
                error("SMTP QUIT: " + e);
            }
            closeQuietly(session);
        }
    }

    /** IDLE; on EXISTS, FETCH the new messages by UID (envelope and whole text) and STORE \Seen on them. */
    private void imapReader(String account) {
        while (reading) {
            try (BenchImapClient client = BenchImapClient.login(options.host(), options.imapPort(), account,
                    options.password())) {
                open.add(client);
                long lastUid = 0;
                int seenCount = 0;
                int exists = exists(client.command("SELECT INBOX"), 0);
                long existsAt = System.nanoTime();
                while (reading) {
                    if (exists > seenCount) {
                        long fetchStart = System.nanoTime();
                        List<String> lines = client.command("UID FETCH " + (lastUid + 1)
                                + ":* (UID FLAGS ENVELOPE BODY.PEEK[])");
                        fetchLatency.record(System.nanoTime() - fetchStart);
                        long low = Long.MAX_VALUE;
                        long high = 0;
                        for (String line : lines) {
                            Matcher uid = UID.matcher(line);
                            if (!line.contains(" FETCH ") || !uid.find() || Long.parseLong(uid.group(1)) <= lastUid) {
                                continue;
                            }
                            long messageUid = Long.parseLong(uid.group(1));
                            low = Math.min(low, messageUid);
                            high = Math.max(high, messageUid);
                            seenCount++;
                            seen(line, existsAt);
                        }
                        exists = exists(lines, exists);
                        if (high > 0) {
                            lastUid = high;
                            exists = exists(client.command("UID STORE " + low + ":" + high + " +FLAGS.SILENT (\\Seen)"),
                                    exists);
                        } else if (exists > seenCount) {
                            throw new IOException("EXISTS says " + exists + " messages, FETCH found " + seenCount);
                        }
                        continue;
                    }
                    exists = exists(client.idle(), exists);
                    while (exists <= seenCount && reading) {
                        exists = exists(List.of(client.readLine()), exists);
                    }
                    existsAt = System.nanoTime();
                    exists = exists(client.done(), exists);
                }
            } catch (IOException | RuntimeException e) {
                if (reading) {
                    error("IMAP " + account + ": " + e);
                    pause();
                }
            }
        }
    }

    private static int exists(List<String> lines, int exists) {
        for (String line : lines) {
            Matcher matcher = EXISTS.matcher(line);
            if (matcher.find()) {
                exists = Integer.parseInt(matcher.group(1));
            }
        }
        return exists;
    }

    private void seen(String text, long at) {
        Matcher matcher = SOAK_ID.matcher(text);
        if (!matcher.find()) {
            error("a message without a soak number: " + text);
            return;
        }
        long latency = ledger.seen(Integer.parseInt(matcher.group(1)), at);
        if (latency >= 0) {
            deliveryLatency.record(latency);
        }
    }

    /** Empties the maildrop every pop3Poll: RETR and DELE each message, then QUIT. */
    private void pop3Reader(String account) {
        while (reading) {
            try (Pop3BenchClient client = Pop3BenchClient.plain(options.host(), options.pop3Port())) {
                open.add(client);
                client.retrieveAndDelete(account, options.password(), (subject, nanos) -> {
                    retrLatency.record(nanos);
                    Matcher matcher = SOAK_ID.matcher(subject);
                    if (matcher.find()) {
                        ledger.seen(Integer.parseInt(matcher.group(1)), System.nanoTime());
                    } else {
                        error("POP3 " + account + ": a message without a soak number: " + subject);
                    }
                });
                open.remove(client);
            } catch (IOException | RuntimeException e) {
                if (reading) {
                    error("POP3 " + account + ": " + e);
                }
            }
            LockSupport.parkNanos(options.pop3Poll().toNanos());
        }
    }

    private void error(String what) {
        errors.incrementAndGet();
        synchronized (firstErrors) {
            if (firstErrors.size() < 20) {
                firstErrors.add(what);
            }
        }
        System.err.println("soak: " + what);
    }

    private static void pause() {
        LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            if (closeable != null) {
                closeable.close();
            }
        } catch (IOException ignored) {
            // closing a broken session; its failure is already counted
        }
    }

    private static Thread start(String name, Runnable body) {
        Thread thread = new Thread(body, "soak-" + name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
