package io.mailplatform.testsupport;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The real password encoder, observed: it counts password checks (to see that unknown accounts
 * are hashed too) and holds every check of a password starting with {@link #GATED} until
 * {@link #open()}, so a test can keep login attempts in flight for as long as it needs.
 */
public final class GatedPasswordEncoder implements PasswordEncoder {
    /** Checks of passwords with this prefix wait for {@link #open()}. */
    public static final String GATED = "gated-";

    private final PasswordEncoder delegate;
    private final AtomicInteger checks = new AtomicInteger();
    private final Semaphore held = new Semaphore(0);
    private final CountDownLatch gate = new CountDownLatch(1);

    public GatedPasswordEncoder(PasswordEncoder delegate) {
        this.delegate = delegate;
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return delegate.encode(rawPassword);
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        checks.incrementAndGet();
        if (rawPassword.toString().startsWith(GATED)) {
            held.release();
            try {
                if (!gate.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("gate never opened");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return delegate.matches(rawPassword, encodedPassword);
    }

    /** Password checks so far. */
    public int checks() {
        return checks.get();
    }

    /** Waits until {@code count} gated checks are being held. */
    public void awaitHeld(int count) throws InterruptedException {
        if (!held.tryAcquire(count, 30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("fewer than " + count + " gated password checks arrived");
        }
    }

    /** Lets every held and later gated check go on. */
    public void open() {
        gate.countDown();
    }
}
