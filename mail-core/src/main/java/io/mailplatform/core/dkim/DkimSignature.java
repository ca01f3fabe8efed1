package io.mailplatform.core.dkim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * A parsed DKIM-Signature field (RFC 6376 §3.5), checked as §6.1.1 requires before any key is
 * fetched: version 1, the required tags, From among the signed fields, an i= within d=, and x= not
 * before t=.
 *
 * @param identity the agent or user identifier (i=), {@code @d} when absent
 * @param bodyLength the l= body length, or -1 when the whole body is signed
 * @param timestamp t=, or null
 * @param expiration x=, or null
 * @param signatureBase64 b= as written without white space (its first characters name it in
 *        Authentication-Results, RFC 6008)
 */
public record DkimSignature(SigningAlgorithm algorithm, byte[] signature, String signatureBase64, byte[] bodyHash,
        Canonicalization headerCanonicalization, Canonicalization bodyCanonicalization, String domain,
        List<String> signedFields, String identity, long bodyLength, String selector, Instant timestamp,
        Instant expiration) {

    public DkimSignature {
        signedFields = List.copyOf(signedFields);
    }

    public static DkimSignature parse(String fieldValue) throws DkimException {
        TagList tags = TagList.parse(fieldValue);
        if (!"1".equals(tags.require("v"))) {
            throw new DkimException("unsupported version v=" + tags.get("v"));
        }
        return of(tags, tags.get("i"));
    }

    /**
     * An ARC-Message-Signature (RFC 8617 §4.1.2): the tags of a DKIM-Signature without v=, its i= the
     * instance number instead of an identity (read by the caller), so the identity is {@code @d}.
     */
    public static DkimSignature parseArcMessageSignature(String fieldValue) throws DkimException {
        return of(TagList.parse(fieldValue), null);
    }

    private static DkimSignature of(TagList tags, String identityTag) throws DkimException {
        SigningAlgorithm algorithm = SigningAlgorithm.of(tags.require("a"));
        String signatureBase64 = TagList.withoutFws(tags.require("b"));
        byte[] signature = base64(signatureBase64, "b");
        byte[] bodyHash = base64(TagList.withoutFws(tags.require("bh")), "bh");
        Canonicalization header = Canonicalization.SIMPLE;
        Canonicalization body = Canonicalization.SIMPLE;
        String c = tags.get("c");
        if (c != null) {
            int slash = c.indexOf('/');
            header = Canonicalization.of(slash < 0 ? c : c.substring(0, slash));
            if (slash >= 0) {
                body = Canonicalization.of(c.substring(slash + 1));
            }
        }
        String domain = tags.require("d").toLowerCase(Locale.ROOT);
        if (domain.isEmpty()) {
            throw new DkimException("empty d=");
        }
        List<String> fields = new ArrayList<>();
        for (String name : TagList.withoutFws(tags.require("h")).split(":")) {
            if (name.isEmpty()) {
                throw new DkimException("empty field name in h=");
            }
            fields.add(name);
        }
        if (fields.stream().noneMatch(name -> name.equalsIgnoreCase("From"))) {
            throw new DkimException("From is not signed");
        }
        String identity = identityTag;
        if (identity == null) {
            identity = "@" + domain;
        } else {
            int at = identity.lastIndexOf('@');
            String identityDomain = at < 0 ? "" : identity.substring(at + 1).toLowerCase(Locale.ROOT);
            if (!identityDomain.equals(domain) && !identityDomain.endsWith("." + domain)) {
                throw new DkimException("i= is not within d=");
            }
        }
        long length = -1;
        if (tags.get("l") != null) {
            length = number(tags.get("l"), "l");
        }
        String q = tags.get("q");
        if (q != null && !TagList.withoutFws(q).contains("dns/txt")) {
            throw new DkimException("no supported query method in q=" + q);
        }
        String selector = tags.require("s").toLowerCase(Locale.ROOT);
        Instant timestamp = tags.get("t") == null ? null : Instant.ofEpochSecond(number(tags.get("t"), "t"));
        Instant expiration = tags.get("x") == null ? null : Instant.ofEpochSecond(number(tags.get("x"), "x"));
        if (timestamp != null && expiration != null && expiration.isBefore(timestamp)) {
            throw new DkimException("x= is before t=");
        }
        return new DkimSignature(algorithm, signature, signatureBase64, bodyHash, header, body, domain, fields,
                identity, length, selector, timestamp, expiration);
    }

    private static byte[] base64(String value, String tag) throws DkimException {
        try {
            return Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new DkimException("malformed base64 in " + tag + "=");
        }
    }

    private static long number(String value, String tag) throws DkimException {
        if (value.isEmpty() || value.length() > 12 || !value.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            throw new DkimException("malformed number in " + tag + "=");
        }
        return Long.parseLong(value);
    }
}
