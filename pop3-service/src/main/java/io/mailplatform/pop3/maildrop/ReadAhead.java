package io.mailplatform.pop3.maildrop;

import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The first chunks of the messages after the one being retrieved, read from the store before the
 * client asks for them, when each fits in one chunk: a client that retrieves a maildrop message after
 * message (RETR 1, RETR 2, ...) then finds each message here and waits for no store round trip.
 * The first window comes with the first RETR, in the same query; after that, each time a quarter of
 * the budget is free again, the next messages are read in the background ({@link #refill}), while
 * the client retrieves those already here. When the client had to wait for such a read all the same
 * (the store answers slower than the client takes a quarter), the next reads wait until half the
 * budget or more is free and take what is free, while the client retrieves the rest, until a read
 * lands before it is needed again. At most {@link #MAX_OCTETS} are held or being read for a session
 * (beyond the message being sent) and {@link #MAX_MESSAGES} per query; a chunk is handed
 * out once, and chunks of messages the client has passed are dropped. Used on the session's event
 * loop only, like its {@link Maildrop}.
 *
 * <p>The chunks are as the store held them when they were read: a message another client
 * expunges meanwhile may still be sent once from here, as it would have been a moment earlier (the
 * maildrop is the INBOX as it was at login in any case, RFC 1939 §8).
 */
public final class ReadAhead {
    /** Messages read ahead at most in one query, the requested one included. */
    public static final int MAX_MESSAGES = 64;
    /**
     * Octets held or being read ahead at most per session (whole messages of one chunk): a client
     * retrieving 2 KB messages one after another takes about 50 MB/s, and a read of the store takes
     * 1-3 ms between threads on a busy machine, so a read must be under way while 100 KB or more are
     * still held.
     */
    public static final int MAX_OCTETS = 256 * 1024;
    /** Free octets of the budget at which the next messages are read in the background. */
    public static final int REFILL_OCTETS = MAX_OCTETS / 4;
    /** {@link #REFILL_OCTETS} for a client that had to wait: fewer, larger reads, still overlapping its retrieval. */
    public static final int STARVED_REFILL_OCTETS = MAX_OCTETS / 2;

    private final NavigableMap<Integer, byte[]> chunks = new TreeMap<>();
    private long heldOctets;
    /** The last message number read or being read ahead; background reads go on after it. */
    private int readUpTo;
    private List<MaildropMessage> reading;
    private long readingOctets;
    private CompletableFuture<Void> landed;
    private boolean waitedFor;
    /** A RETR had to wait for the last background read that ended: the store is slower than the client. */
    private boolean starved;
    private boolean closed;

    /**
     * The chunk read ahead for a message number, once; null if there is none. Chunks of the
     * messages before it are dropped: the client has passed them.
     */
    public byte[] take(int number) {
        NavigableMap<Integer, byte[]> passed = chunks.headMap(number, false);
        passed.values().forEach(chunk -> heldOctets -= chunk.length);
        passed.clear();
        byte[] chunk = chunks.remove(number);
        if (chunk != null) {
            heldOctets -= chunk.length;
        }
        return chunk;
    }

    /** Completes once the background read that includes this message number has ended; null if none does. */
    public CompletionStage<Void> pending(int number) {
        if (reading != null && reading.stream().anyMatch(m -> m.number().value() == number)) {
            waitedFor = true;
            return landed;
        }
        return null;
    }

    /**
     * The messages whose first chunks to read with {@code first}, which is read now: it, then those
     * after it in number order that are not marked deleted and not held or being read already,
     * within what is left of the budget.
     */
    public List<MaildropMessage> window(Maildrop maildrop, MaildropMessage first, int chunkSize) {
        return maildrop.following(first, MAX_MESSAGES, (int) Math.max(0, free()), chunkSize, this::absent);
    }

    /** Keeps the chunks read for a window but its first message (the caller sends that one now). */
    public void keep(List<MaildropMessage> window, List<byte[]> read) {
        for (int i = 1; i < window.size(); i++) {
            hold(window.get(i).number().value(), read.get(i));
        }
        readUpTo = window.get(window.size() - 1).number().value();
    }

    /**
     * The next messages to read in the background, now marked as being read; empty when a
     * background read is under way, when less than {@link #REFILL_OCTETS} of the budget is free or
     * when no message after those read is left. End it with {@link #landed}.
     */
    public List<MaildropMessage> refill(Maildrop maildrop, int chunkSize) {
        long free = free();
        // a client that outruns the store gets half the budget per read: reads of a quarter each would cost
        // it a store round trip per quarter; waiting for the whole budget to be free (as before) made it
        // wait for every read, which kept it starved for good
        if (closed || reading != null || free < (starved ? STARVED_REFILL_OCTETS : REFILL_OCTETS)) {
            return List.of();
        }
        List<MaildropMessage> next = maildrop.after(readUpTo, MAX_MESSAGES, free, chunkSize, this::absent);
        if (!next.isEmpty()) {
            reading = next;
            readingOctets = next.stream().mapToLong(m -> Math.min(chunkSize, m.storedSize())).sum();
            landed = new CompletableFuture<>();
            readUpTo = next.get(next.size() - 1).number().value();
        }
        return next;
    }

    /** Ends the background read of {@link #refill}: keeps what it read (null if it failed) unless the maildrop was left. */
    public void landed(List<byte[]> read) {
        List<MaildropMessage> window = reading;
        CompletableFuture<Void> done = landed;
        reading = null;
        readingOctets = 0;
        landed = null;
        starved = waitedFor;
        waitedFor = false;
        if (read != null && !closed) {
            for (int i = 0; i < window.size(); i++) {
                hold(window.get(i).number().value(), read.get(i));
            }
        }
        done.complete(null);
    }

    /** Octets held now. */
    long heldOctets() {
        return heldOctets;
    }

    /** Forgets everything (the maildrop is left); a background read that lands later is dropped. */
    public void clear() {
        closed = true;
        chunks.clear();
        heldOctets = 0;
    }

    private long free() {
        return MAX_OCTETS - heldOctets - readingOctets;
    }

    private boolean absent(int number) {
        return !chunks.containsKey(number) && (reading == null || reading.stream().noneMatch(m -> m.number().value() == number));
    }

    private void hold(int number, byte[] chunk) {
        if (chunk != null && !chunks.containsKey(number)) {
            chunks.put(number, chunk);
            heldOctets += chunk.length;
        }
    }
}
