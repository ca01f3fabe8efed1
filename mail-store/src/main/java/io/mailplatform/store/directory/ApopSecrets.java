package io.mailplatform.store.directory;

import io.mailplatform.store.secret.SecretCipher;
import io.mailplatform.store.secret.SecretUnreadableException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The per-account APOP secret (RFC 1939 §7). APOP needs a secret the server can read, so it is a
 * separate secret set by the administrator, never the login password (which is stored only as an
 * adaptive hash), and it is kept encrypted with {@link SecretCipher}, bound to its account.
 */
@Repository
public class ApopSecrets {
    private static final Logger log = LoggerFactory.getLogger(ApopSecrets.class);
    /** Long enough for passphrases; APOP digests the secret, so its length is not sent anywhere. */
    public static final int MAX_LENGTH = 256;
    /** Short secrets fall to an offline dictionary attack on a recorded digest. */
    public static final int MIN_LENGTH = 8;

    private final JdbcClient jdbc;
    private final DirectoryService directory;
    private final SecretCipher cipher;

    public ApopSecrets(JdbcClient jdbc, DirectoryService directory, SecretCipher cipher) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.cipher = cipher;
    }

    /**
     * Sets an account's APOP secret.
     *
     * @return false when there is no such account
     * @throws IllegalArgumentException when the secret is too short, too long or has control characters
     */
    public boolean set(String address, String secret) {
        validate(secret);
        Optional<Account> account = directory.findAccount(address);
        if (account.isEmpty()) {
            return false;
        }
        long id = account.get().id();
        byte[] sealed = cipher.encrypt(secret.getBytes(StandardCharsets.UTF_8), associatedData(id));
        return jdbc.sql("UPDATE accounts SET apop_secret = ? WHERE id = ?").params(sealed, id).update() == 1;
    }

    /**
     * Removes an account's APOP secret, so APOP is refused for it.
     *
     * @return false when there is no such account
     */
    public boolean clear(String address) {
        Optional<Account> account = directory.findAccount(address);
        return account.isPresent()
                && jdbc.sql("UPDATE accounts SET apop_secret = NULL WHERE id = ?").param(account.get().id()).update() == 1;
    }

    /** The account's APOP secret; empty when none is set or it cannot be decrypted (logged). */
    Optional<String> secret(long accountId) {
        Optional<byte[]> sealed = jdbc.sql("SELECT apop_secret FROM accounts WHERE id = ? AND apop_secret IS NOT NULL")
                .param(accountId).query((rs, n) -> rs.getBytes(1)).optional();
        if (sealed.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new String(cipher.decrypt(sealed.get(), associatedData(accountId)), StandardCharsets.UTF_8));
        } catch (SecretUnreadableException e) {
            log.warn("APOP secret of account {} is unreadable ({}); APOP is refused until it is set again", accountId,
                    e.getMessage());
            return Optional.empty();
        }
    }

    private static void validate(String secret) {
        if (secret == null || secret.length() < MIN_LENGTH || secret.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("an APOP secret has " + MIN_LENGTH + " to " + MAX_LENGTH + " characters");
        }
        if (secret.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("an APOP secret must not contain control characters");
        }
    }

    private static byte[] associatedData(long accountId) {
        return ("apop-secret:" + accountId).getBytes(StandardCharsets.US_ASCII);
    }
}
