package io.mailplatform.delivery.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.Supplier;

/**
 * A clock the test moves forward, so that TTLs, retry schedules and the days of a retry period pass
 * without waiting: a base time plus an offset. {@link #system()} runs with the system's time and
 * never goes behind it, so rows the database timestamps with its own {@code now()} are never in
 * its future; {@link #frozenAt} stands still between moves.
 */
public final class OffsetClock extends Clock {
    private final Supplier<Instant> base;
    private volatile Duration offset = Duration.ZERO;

    private OffsetClock(Supplier<Instant> base) {
        this.base = base;
    }

    /** The system's time plus the offset. */
    public static OffsetClock system() {
        return new OffsetClock(Instant::now);
    }

    /** A clock that shows {@code start} until moved. */
    public static OffsetClock frozenAt(Instant start) {
        return new OffsetClock(() -> start);
    }

    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("the clock only goes forward");
        }
        offset = offset.plus(duration);
    }

    /** Back to the base time; only once nothing was queued or scheduled under the offset. */
    public void reset() {
        offset = Duration.ZERO;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return base.get().plus(offset);
    }
}
