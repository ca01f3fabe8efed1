package io.mailplatform.store.dkim;

import io.mailplatform.core.dkim.DkimException;
import io.mailplatform.core.dkim.DkimKeyRecord;
import io.mailplatform.core.dkim.DkimSigner;
import io.mailplatform.core.dkim.SigningAlgorithm;
import io.mailplatform.store.directory.DirectoryService;
import io.mailplatform.store.directory.DomainEntry;
import io.mailplatform.store.secret.SecretCipher;
import io.mailplatform.store.secret.SecretUnreadableException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The DKIM keys of hosted domains: generated here (RSA-2048 or Ed25519), the private half stored
 * encrypted, the public half returned as the record to publish. Rotation keeps at most
 * {@value #MAX_ACTIVE_PER_ALGORITHM} signing keys per algorithm: make a new one, publish it, and
 * once it is in DNS retire the old one; mail is signed with the newest active key of each algorithm.
 */
@Repository
public class DkimKeys {
    public static final int MAX_ACTIVE_PER_ALGORITHM = 2;
    private static final Logger log = LoggerFactory.getLogger(DkimKeys.class);
    /** A DNS label: what a selector must be to form {@code selector._domainkey.domain}. */
    private static final Pattern SELECTOR = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private final JdbcClient jdbc;
    private final DirectoryService directory;
    private final SecretCipher cipher;

    public DkimKeys(JdbcClient jdbc, DirectoryService directory, SecretCipher cipher) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.cipher = cipher;
    }

    /** Why a key cannot be made or changed. */
    public static final class KeyConflictException extends Exception {
        public KeyConflictException(String message) {
            super(message);
        }
    }

    /**
     * Generates a key for the domain.
     *
     * @param selector the selector, or null for one made of the algorithm and today's date
     * @return empty when the domain is not hosted here
     * @throws IllegalArgumentException for an unknown algorithm or a selector that is not a DNS label
     * @throws KeyConflictException when the selector is taken or the domain has enough active keys
     */
    public Optional<DkimKey> generate(String domainName, String algorithmName, String selector) throws KeyConflictException {
        SigningAlgorithm algorithm = algorithm(algorithmName);
        Optional<DomainEntry> domain = directory.findDomain(domainName);
        if (domain.isEmpty()) {
            return Optional.empty();
        }
        String chosen = selector == null ? defaultSelector(algorithm) : selector.toLowerCase(Locale.ROOT);
        if (!SELECTOR.matcher(chosen).matches()) {
            throw new IllegalArgumentException("a selector is one DNS label: letters, digits and inner hyphens");
        }
        long active = jdbc.sql("SELECT count(*) FROM dkim_keys WHERE domain_id = ? AND algorithm = ? AND retired_at IS NULL")
                .params(domain.get().id(), algorithm.keyword()).query(Long.class).single();
        if (active >= MAX_ACTIVE_PER_ALGORITHM) {
            throw new KeyConflictException(domain.get().name() + " has " + active + " active " + algorithm.keyword()
                    + " keys; retire one first");
        }
        KeyPair pair = generate(algorithm);
        String publicKey = DkimKeyRecord.publish(pair.getPublic());
        byte[] sealed = cipher.encrypt(pair.getPrivate().getEncoded(), associatedData(domain.get().name(), chosen));
        int inserted = jdbc.sql("INSERT INTO dkim_keys (domain_id, selector, algorithm, private_key, public_key)"
                        + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (domain_id, selector) DO NOTHING")
                .params(domain.get().id(), chosen, algorithm.keyword(), sealed, publicKey).update();
        if (inserted == 0) {
            throw new KeyConflictException("selector " + chosen + " is taken for " + domain.get().name());
        }
        return find(domain.get().name(), chosen);
    }

    /** Every key of the domain, newest first; empty when the domain is not hosted here. */
    public Optional<List<DkimKey>> list(String domainName) {
        return directory.findDomain(domainName).map(domain -> jdbc.sql("SELECT d.name, k.selector, k.algorithm,"
                        + " k.public_key, k.created_at, k.retired_at FROM dkim_keys k JOIN domains d ON d.id = k.domain_id"
                        + " WHERE k.domain_id = ? ORDER BY k.created_at DESC, k.id DESC")
                .param(domain.id()).query((rs, n) -> key(rs)).list());
    }

    public Optional<DkimKey> find(String domainName, String selector) {
        return jdbc.sql("SELECT d.name, k.selector, k.algorithm, k.public_key, k.created_at, k.retired_at FROM dkim_keys k"
                        + " JOIN domains d ON d.id = k.domain_id WHERE d.name = ? AND k.selector = ?")
                .params(domainName.toLowerCase(Locale.ROOT), selector.toLowerCase(Locale.ROOT)).query((rs, n) -> key(rs))
                .optional();
    }

    /** Stops the key signing; false when there is no such key. Retiring twice keeps the first time. */
    public boolean retire(String domainName, String selector) {
        return jdbc.sql("UPDATE dkim_keys k SET retired_at = coalesce(k.retired_at, now()) FROM domains d"
                        + " WHERE d.id = k.domain_id AND d.name = ? AND k.selector = ?")
                .params(domainName.toLowerCase(Locale.ROOT), selector.toLowerCase(Locale.ROOT)).update() == 1;
    }

    /** Removes the key for good; false when there is no such key. */
    public boolean delete(String domainName, String selector) {
        return jdbc.sql("DELETE FROM dkim_keys k USING domains d WHERE d.id = k.domain_id AND d.name = ? AND k.selector = ?")
                .params(domainName.toLowerCase(Locale.ROOT), selector.toLowerCase(Locale.ROOT)).update() == 1;
    }

    /**
     * Signers for mail of the domain: the newest active key of each algorithm, RSA first (the one
     * every verifier knows). A key that cannot be decrypted (the secrets key changed) is logged and
     * skipped.
     */
    public List<DkimSigner> signers(String domainName) {
        List<DkimSigner> signers = new ArrayList<>();
        jdbc.sql("SELECT DISTINCT ON (k.algorithm) d.name, k.selector, k.algorithm, k.private_key FROM dkim_keys k"
                        + " JOIN domains d ON d.id = k.domain_id WHERE d.name = ? AND k.retired_at IS NULL"
                        + " ORDER BY k.algorithm DESC, k.created_at DESC, k.id DESC")
                .param(domainName.toLowerCase(Locale.ROOT)).query((rs, n) -> {
                    String domain = rs.getString(1);
                    String selector = rs.getString(2);
                    try {
                        SigningAlgorithm algorithm = SigningAlgorithm.of(rs.getString(3));
                        byte[] der = cipher.decrypt(rs.getBytes(4), associatedData(domain, selector));
                        PrivateKey key = KeyFactory.getInstance(algorithm == SigningAlgorithm.RSA_SHA256 ? "RSA" : "Ed25519")
                                .generatePrivate(new PKCS8EncodedKeySpec(der));
                        signers.add(new DkimSigner(domain, selector, algorithm, key));
                    } catch (SecretUnreadableException | GeneralSecurityException | DkimException e) {
                        log.warn("DKIM key {} of {} is unusable ({}); mail of {} is not signed with it", selector, domain,
                                e.getMessage(), domain);
                    }
                    return null;
                }).list();
        return signers;
    }

    private static DkimKey key(ResultSet rs) throws SQLException {
        Timestamp retired = rs.getTimestamp(6);
        return new DkimKey(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getTimestamp(5).toInstant(), retired == null ? null : retired.toInstant());
    }

    private static SigningAlgorithm algorithm(String name) {
        String normalized = name == null ? "" : name.toLowerCase(Locale.ROOT);
        return switch (normalized) {
            case "rsa", "rsa-sha256" -> SigningAlgorithm.RSA_SHA256;
            case "ed25519", "ed25519-sha256" -> SigningAlgorithm.ED25519_SHA256;
            default -> throw new IllegalArgumentException("algorithm is rsa-sha256 or ed25519-sha256, not " + name);
        };
    }

    private static String defaultSelector(SigningAlgorithm algorithm) {
        return (algorithm == SigningAlgorithm.RSA_SHA256 ? "rsa" : "ed") + LocalDate.now(ZoneOffset.UTC).toString().replace("-", "");
    }

    private static KeyPair generate(SigningAlgorithm algorithm) {
        try {
            if (algorithm == SigningAlgorithm.RSA_SHA256) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                return generator.generateKeyPair();
            }
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot make " + algorithm.keyword() + " keys", e);
        }
    }

    private static byte[] associatedData(String domain, String selector) {
        return ("dkim-key:" + domain + ":" + selector).getBytes(StandardCharsets.UTF_8);
    }
}
