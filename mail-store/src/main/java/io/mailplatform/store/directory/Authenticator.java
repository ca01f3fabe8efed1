package io.mailplatform.store.directory;

import io.mailplatform.core.auth.LoginThrottle;
import io.mailplatform.store.config.StoreProperties;
import java.net.InetAddress;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Checks a login (full address and password) for every protocol. Adaptive hashes are slow on
 * purpose; clients that log in every minute (POP3 polling, IMAP reconnects) would make that the
 * bottleneck, so a successful check is remembered for a short time as a salted SHA-256 of the
 * password, never the password itself.
 */
@Service
public class Authenticator {
    private final DirectoryService directory;
    private final PasswordEncoder passwords;
    private final long cacheTtlNanos;
    private final byte[] salt = new java.security.SecureRandom().generateSeed(16);
    private final Map<String, CachedLogin> recent = new ConcurrentHashMap<>();
    private final LoginThrottle throttle;

    public Authenticator(DirectoryService directory, PasswordEncoder passwords, StoreProperties properties,
            LoginThrottle throttle) {
        this.directory = directory;
        this.passwords = passwords;
        this.cacheTtlNanos = properties.authCacheTtl().toNanos();
        this.throttle = throttle;
    }

    /**
     * The outcome of a protocol login: the account, if the credentials are right, and how long the
     * session must wait before it answers (failed-login throttling, per account and per client IP).
     */
    public record LoginAttempt(Optional<Account> account, Duration replyDelay) {
    }

    /** Checks a login from a client and applies the login throttle; protocol sessions call this. */
    public LoginAttempt login(String address, String password, InetAddress client) {
        Duration before = throttle.delay(address, client);
        Optional<Account> account = authenticate(address, password);
        if (account.isPresent()) {
            throttle.succeeded(address, client);
            return new LoginAttempt(account, before);
        }
        throttle.failed(address, client);
        Duration after = throttle.delay(address, client);
        return new LoginAttempt(account, after.compareTo(before) > 0 ? after : before);
    }

    /**
     * For protocols that refuse an attempt instead of holding their answer back (HTTP): how long
     * the client must wait before its next attempt for this address is checked at all.
     */
    public Duration throttledFor(String address, InetAddress client) {
        return throttle.remainingWait(address, client);
    }

    /** The account if the address and password match an enabled account. */
    public Optional<Account> authenticate(String address, String password) {
        if (address == null || password == null || address.isEmpty()) {
            return Optional.empty();
        }
        String key = address.toLowerCase(java.util.Locale.ROOT);
        byte[] digest = digest(key, password);
        CachedLogin cached = recent.get(key);
        if (cached != null && System.nanoTime() < cached.expiresAt() && MessageDigest.isEqual(cached.digest(), digest)) {
            return Optional.of(cached.account());
        }
        Optional<DirectoryService.StoredCredentials> stored = directory.credentials(address);
        if (stored.isEmpty() || !passwords.matches(password, stored.get().passwordHash())) {
            recent.remove(key);
            return Optional.empty();
        }
        Account account = stored.get().account();
        if (cacheTtlNanos > 0) {
            recent.put(key, new CachedLogin(account, digest, System.nanoTime() + cacheTtlNanos));
        }
        return Optional.of(account);
    }

    /** Forgets remembered logins of an address (after a password change). */
    public void forget(String address) {
        recent.remove(address.toLowerCase(java.util.Locale.ROOT));
    }

    private byte[] digest(String key, String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            sha.update(key.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            return sha.digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record CachedLogin(Account account, byte[] digest, long expiresAt) {
    }
}
