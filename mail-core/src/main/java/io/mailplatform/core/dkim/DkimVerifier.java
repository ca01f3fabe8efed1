package io.mailplatform.core.dkim;

import io.mailplatform.core.dkim.DkimResult.Verdict;
import io.mailplatform.core.dns.TxtLookup;
import io.mailplatform.core.mime.HeaderField;
import io.mailplatform.core.mime.HeaderSection;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks the DKIM signatures of a message (RFC 6376 §6), the first {@code maxSignatures} of them
 * from the top, each on its own: one failing signature says nothing about another. Body hashes are
 * computed once per canonicalisation and length. RSA keys shorter than 1024 bits give
 * {@code policy} (RFC 8301 §3.2: not valid); a key record in testing mode still verifies, the
 * caller decides what it is worth.
 */
public final class DkimVerifier {
    public static final String FIELD = "DKIM-Signature";
    static final int MIN_RSA_BITS = 1024;

    private final TxtLookup keys;
    private final int maxSignatures;
    private final Clock clock;

    public DkimVerifier(TxtLookup keys, int maxSignatures, Clock clock) {
        this.keys = keys;
        this.maxSignatures = maxSignatures;
        this.clock = clock;
    }

    /** One result per signature checked, in header order; empty when the message is not signed. */
    public List<DkimResult> verify(byte[] message) {
        int bodyStart = HeaderSection.bodyOffset(message);
        List<HeaderField> fields = HeaderSection.fields(message, 0, bodyStart);
        Map<String, byte[]> bodyHashes = new HashMap<>();
        List<DkimResult> results = new ArrayList<>();
        for (HeaderField field : fields) {
            if (!field.name().equalsIgnoreCase(FIELD)) {
                continue;
            }
            if (results.size() == maxSignatures) {
                break;
            }
            results.add(verify(message, fields, field, bodyStart, bodyHashes));
        }
        return results;
    }

    private DkimResult verify(byte[] message, List<HeaderField> fields, HeaderField field, int bodyStart,
            Map<String, byte[]> bodyHashes) {
        DkimSignature signature;
        try {
            signature = DkimSignature.parse(field.value(message));
        } catch (DkimException e) {
            return new DkimResult(Verdict.PERMERROR, e.getMessage(), null, 0);
        }
        return verify(message, fields, field, signature, bodyStart, bodyHashes);
    }

    /**
     * Checks one parsed signature field: expiry, body hash, then the signature over the signed fields and
     * the field itself. ARC-Message-Signatures (RFC 8617 §5.2) are checked the same way.
     *
     * @param bodyHashes body hashes computed so far, by canonicalisation and length (filled here)
     */
    public DkimResult verify(byte[] message, List<HeaderField> fields, HeaderField field, DkimSignature signature,
            int bodyStart, Map<String, byte[]> bodyHashes) {
        if (signature.expiration() != null && signature.expiration().isBefore(clock.instant())) {
            return new DkimResult(Verdict.FAIL, "signature expired", signature, 0);
        }
        String bodyKey = signature.bodyCanonicalization() + "/" + signature.bodyLength();
        byte[] bodyHash = bodyHashes.computeIfAbsent(bodyKey, k -> signature.bodyCanonicalization()
                .body(SigningAlgorithm.sha256(), signature.bodyLength()).update(message, bodyStart, message.length).finish());
        if (!MessageDigest.isEqual(bodyHash, signature.bodyHash())) {
            return new DkimResult(Verdict.FAIL, "body hash did not verify", signature, 0);
        }
        byte[] fieldBytes = Arrays.copyOfRange(message, field.start(), field.end());
        byte[] data = HeaderHashInput.of(message, fields, signature.signedFields(),
                signature.headerCanonicalization(), fieldBytes);
        return verifyData(signature, signature.domain(), signature.selector(), signature.algorithm(),
                signature.signature(), data);
    }

    /**
     * Checks a signature value over {@code data} with the key published at {@code selector._domainkey.domain}:
     * the key fetched, its type and size checked (RFC 8301), then the signature. ARC-Seals (RFC 8617
     * §5.1.1) are checked with this directly.
     *
     * @param signature the parsed signature the result names (its i= is held against a strict key), or null
     */
    public DkimResult verifyData(DkimSignature signature, String domain, String selector, SigningAlgorithm algorithm,
            byte[] value, byte[] data) {
        DkimKeyRecord key;
        try {
            key = key(selector, domain);
        } catch (TxtLookup.TemporaryFailure e) {
            return new DkimResult(Verdict.TEMPERROR, "key lookup failed: " + e.getMessage(), signature, 0);
        } catch (DkimException e) {
            return new DkimResult(Verdict.PERMERROR, e.getMessage(), signature, 0);
        }
        if (!key.keyType().equals(algorithm.keyType())) {
            return new DkimResult(Verdict.PERMERROR, "key type does not match the algorithm", signature, 0);
        }
        if (key.strict() && signature != null && !signature.identity().substring(signature.identity().lastIndexOf('@') + 1)
                .equalsIgnoreCase(signature.domain())) {
            return new DkimResult(Verdict.PERMERROR, "key requires i= to equal d=", signature, key.bits());
        }
        if (key.keyType().equals("rsa") && key.bits() < MIN_RSA_BITS) {
            return new DkimResult(Verdict.POLICY, "RSA key shorter than " + MIN_RSA_BITS + " bits", signature, key.bits());
        }
        try {
            if (algorithm.verify(key.key(), data, value)) {
                return new DkimResult(Verdict.PASS, null, signature, key.bits());
            }
            return new DkimResult(Verdict.FAIL, "signature did not verify", signature, key.bits());
        } catch (GeneralSecurityException e) {
            return new DkimResult(Verdict.FAIL, "signature did not verify: " + e.getMessage(), signature, key.bits());
        }
    }

    private DkimKeyRecord key(String selector, String domain) throws TxtLookup.TemporaryFailure, DkimException {
        List<String> records = keys.txt(selector + "._domainkey." + domain);
        if (records.isEmpty()) {
            throw new DkimException("no key for signature");
        }
        DkimException first = null;
        for (String record : records) {
            try {
                return DkimKeyRecord.parse(record);
            } catch (DkimException e) {
                first = first == null ? e : first;
            }
        }
        throw first;
    }
}
