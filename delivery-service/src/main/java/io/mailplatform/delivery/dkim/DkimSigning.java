package io.mailplatform.delivery.dkim;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.mailplatform.core.dkim.DkimSigner;
import io.mailplatform.core.dkim.SigningAlgorithm;
import io.mailplatform.core.mime.AuthorDomain;
import io.mailplatform.store.dkim.DkimKeys;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs authenticated submissions with the keys of their author's domain (the From domain, which
 * DMARC aligns with), one signature per algorithm that has an active key. A domain without keys is
 * not signed. Keys are read from the store at most once per {@code key-cache-ttl} per domain.
 */
public class DkimSigning {
    private static final Logger log = LoggerFactory.getLogger(DkimSigning.class);

    private final LoadingCache<String, List<DkimSigner>> signers;
    private final Clock clock;

    public DkimSigning(DkimKeys keys, Duration keyCacheTtl, Clock clock) {
        this.signers = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(keyCacheTtl).build(keys::signers);
        this.clock = clock;
    }

    /**
     * The signer to seal forwarded mail of the domain with (RFC 8617), an RSA key before an Ed25519 one since
     * fewer receivers verify Ed25519; empty when the domain has no active key.
     */
    public Optional<DkimSigner> sealer(String domain) {
        List<DkimSigner> forDomain = signers.get(domain.toLowerCase(Locale.ROOT));
        return forDomain.stream().filter(s -> s.algorithm() == SigningAlgorithm.RSA_SHA256).findFirst()
                .or(() -> forDomain.stream().findFirst());
    }

    /** The message with its DKIM-Signature fields on top, or the same array when there is nothing to sign with. */
    public byte[] sign(byte[] message) {
        Optional<String> domain = AuthorDomain.of(message);
        if (domain.isEmpty()) {
            return message;
        }
        List<DkimSigner> forDomain = signers.get(domain.get());
        if (forDomain.isEmpty()) {
            return message;
        }
        StringBuilder fields = new StringBuilder();
        for (DkimSigner signer : forDomain) {
            try {
                fields.append(signer.sign(message, clock.instant()));
            } catch (GeneralSecurityException e) {
                log.warn("DKIM signing for {} failed: {}", domain.get(), e.getMessage());
            }
        }
        byte[] prefix = fields.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] signed = new byte[prefix.length + message.length];
        System.arraycopy(prefix, 0, signed, 0, prefix.length);
        System.arraycopy(message, 0, signed, prefix.length, message.length);
        return signed;
    }
}
