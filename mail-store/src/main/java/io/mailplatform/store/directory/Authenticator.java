package io.mailplatform.store.directory;

import io.mailplatform.core.address.MailboxAddress;
import io.mailplatform.core.auth.LoginAttempt;
import io.mailplatform.core.auth.LoginThrottle;
import io.mailplatform.store.config.StoreProperties;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Checks a login (full address and password) for every protocol, through the shared
 * {@link LoginThrottle}. Adaptive hashes are slow on purpose; clients that log in every minute
 * (POP3 polling, IMAP reconnects) would make that the bottleneck, so a successful check is
 * remembered for a short time as a salted SHA-256 of the password, never the password itself.
 * A name without an enabled account is checked against a dummy hash of the same cost, so the
 * time an answer takes does not tell which accounts exist.
 */
@Service
public class Authenticator {
    private final DirectoryService directory;
    private final PasswordEncoder passwords;
    private final long cacheTtlNanos;
    private final byte[] salt = new SecureRandom().generateSeed(16);
    private final Map<String, CachedLogin> recent = new ConcurrentHashMap<>();
    /** Password checks running now, by pacing, account key and password digest; each entry lives as long as its check. */
    private final Map<String, CompletableFuture<LoginAttempt<Account>>> checking = new ConcurrentHashMap<>();
    private final LoginThrottle throttle;
    /** Hashed by the same encoder as real passwords, so it costs the same to check. */
    private final String dummyHash;

    public Authenticator(DirectoryService directory, PasswordEncoder passwords, StoreProperties properties,
            LoginThrottle throttle) {
        this.directory = directory;
        this.passwords = passwords;
        this.cacheTtlNanos = properties.authCacheTtl().toNanos();
        this.throttle = throttle;
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        this.dummyHash = passwords.encode(Base64.getEncoder().encodeToString(random));
    }

    /**
     * Checks a login from a mail protocol session: a failure's answer waits out the throttle's delay
     * ({@link LoginAttempt.Rejected#replyDelay()}); too many attempts in flight are refused unchecked.
     */
    public LoginAttempt<Account> login(String address, String password, InetAddress client) {
        return login(address, password, client, LoginThrottle.Pacing.HOLD_ANSWER);
    }

    /**
     * Checks a login through the login throttle, paced as the protocol can ({@link LoginThrottle.Pacing}).
     * Attempts with the same name and password at the same time are checked once and share the answer,
     * so a client that opens many connections at once costs one hash and is not refused for it, and
     * repeating a guess in parallel gains nothing. (A remembered password is still checked inside the
     * throttle: answering it outside would let a refused client learn whether its guess is the remembered one.)
     */
    public LoginAttempt<Account> login(String address, String password, InetAddress client, LoginThrottle.Pacing pacing) {
        if (address == null || password == null || address.isEmpty()) {
            return throttle.attempt(address, client, pacing, Optional::empty);
        }
        String key = MailboxAddress.lookupKey(address);
        byte[] digest = digest(key, password);
        String flight = pacing + "\0" + key + "\0" + Base64.getEncoder().encodeToString(digest);
        CompletableFuture<LoginAttempt<Account>> mine = new CompletableFuture<>();
        CompletableFuture<LoginAttempt<Account>> running = checking.putIfAbsent(flight, mine);
        if (running != null) {
            try {
                return running.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
        try {
            LoginAttempt<Account> attempt = throttle.attempt(address, client, pacing, () -> check(key, digest, address, password));
            mine.complete(attempt);
            return attempt;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            checking.remove(flight, mine);
        }
    }

    /** The account if the address and password match an enabled account. Not throttled: protocols call {@link #login}. */
    public Optional<Account> authenticate(String address, String password) {
        if (address == null || password == null || address.isEmpty()) {
            return Optional.empty();
        }
        String key = MailboxAddress.lookupKey(address);
        return check(key, digest(key, password), address, password);
    }

    private Optional<Account> check(String key, byte[] digest, String address, String password) {
        CachedLogin cached = recent.get(key);
        if (cached != null && System.nanoTime() < cached.expiresAt() && MessageDigest.isEqual(cached.digest(), digest)) {
            return Optional.of(cached.account());
        }
        Optional<DirectoryService.StoredCredentials> stored = directory.credentials(address);
        // unknown and disabled accounts cost a hash check too (no timing oracle for account names)
        boolean matches = passwords.matches(password, stored.map(DirectoryService.StoredCredentials::passwordHash)
                .orElse(dummyHash));
        if (stored.isEmpty() || !matches) {
            recent.remove(key);
            return Optional.empty();
        }
        Account account = stored.get().account();
        if (cacheTtlNanos > 0) {
            recent.put(key, new CachedLogin(account, digest, System.nanoTime() + cacheTtlNanos));
        }
        return Optional.of(account);
    }

    /** Forgets remembered logins of an address, however it is spelt (after a password change). */
    public void forget(String address) {
        recent.remove(MailboxAddress.lookupKey(address));
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
