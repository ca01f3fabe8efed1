package io.mailplatform.smtp.intake;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The heap that the message text of all sessions of one gateway may hold together
 * ({@code mail.smtp.limits.memory-budget}). Sessions reserve it as the octets arrive and give it
 * back when the message is refused, reset, abandoned, or acknowledged by Kafka; a reservation that
 * does not fit is refused, never waited for, so a session that cannot get more answers
 * {@code 452 4.3.1} at the end of its data instead of holding the others up.
 */
public final class MessageMemoryBudget {
    private final long capacity;
    private final AtomicLong reserved = new AtomicLong();

    public MessageMemoryBudget(long capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("memory budget must be positive: " + capacity);
        }
        this.capacity = capacity;
    }

    /** Takes {@code bytes} from the budget if they fit; false (and nothing taken) otherwise. */
    public boolean tryReserve(long bytes) {
        long now;
        do {
            now = reserved.get();
            if (bytes > capacity - now) {
                return false;
            }
        } while (!reserved.compareAndSet(now, now + bytes));
        return true;
    }

    /** Gives back what {@link #tryReserve} took. */
    public void release(long bytes) {
        long after = reserved.addAndGet(-bytes);
        if (after < 0) {
            throw new IllegalStateException("memory budget released more than was reserved: " + after);
        }
    }

    /** Octets reserved now, by all sessions (a gauge). */
    public long reserved() {
        return reserved.get();
    }

    /** Octets that can still be reserved now. */
    public long available() {
        return capacity - reserved.get();
    }

    public long capacity() {
        return capacity;
    }
}
