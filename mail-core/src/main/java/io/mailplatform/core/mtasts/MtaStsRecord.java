package io.mailplatform.core.mtasts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code _mta-sts.<domain>} TXT record (RFC 8461 §3.1): {@code v=STSv1} first, then {@code id=}
 * and its 1 to 32 letters and digits, which change whenever the policy does. Extensions are ignored.
 *
 * @param id the policy's id
 */
public record MtaStsRecord(String id) {
    /** The name the record is published at. */
    public static String name(String domain) {
        return "_mta-sts." + domain;
    }

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9]{1,32}");
    /** Hex digits of the SHA-256 of a policy that make its id: 128 bits, within the 32 characters allowed. */
    private static final int ID_DIGITS = 32;
    private static final Pattern FIELD = Pattern.compile("[A-Za-z0-9_.-]+=[\\x21-\\x3a\\x3c\\x3e-\\x7e]{1,}");

    /**
     * The record to publish for a policy: its id derived from the policy's text, so that it changes
     * exactly when the policy does (§3.1) and every instance serving the policy names the same one.
     */
    public static MtaStsRecord of(MtaStsPolicy policy) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(policy.text().getBytes(StandardCharsets.US_ASCII));
            return new MtaStsRecord(HexFormat.of().formatHex(digest).substring(0, ID_DIGITS));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The record's text, {@code v=STSv1; id=...}. */
    public String text() {
        return "v=STSv1; id=" + id;
    }

    /**
     * The record among the TXT records at the name: those not starting with {@code v=STSv1} are
     * not STS records and are ignored; none, more than one, or one that is invalid means the domain
     * has no policy (§3.1).
     */
    public static Optional<MtaStsRecord> find(List<String> txt) {
        List<String> candidates = txt.stream().filter(t -> t.startsWith("v=STSv1")).toList();
        if (candidates.size() != 1) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse(candidates.get(0)));
        } catch (MtaStsSyntaxException e) {
            return Optional.empty();
        }
    }

    /** sts-text-record = sts-version 1*(*WSP ";" *WSP sts-field) [*WSP ";"]. */
    public static MtaStsRecord parse(String text) throws MtaStsSyntaxException {
        String[] fields = text.strip().split("[ \\t]*;[ \\t]*", -1);
        if (!fields[0].equals("v=STSv1")) {
            throw new MtaStsSyntaxException("an STS record starts with v=STSv1");
        }
        String id = null;
        for (int i = 1; i < fields.length; i++) {
            String field = fields[i];
            if (field.isEmpty() && i == fields.length - 1) {
                break; // the optional final ';'
            }
            if (!FIELD.matcher(field).matches()) {
                throw new MtaStsSyntaxException("not a field: " + field);
            }
            if (field.startsWith("id=") && id == null) {
                id = field.substring(3);
            }
        }
        if (id == null || !ID.matcher(id).matches()) {
            throw new MtaStsSyntaxException("an STS record has an id of 1 to 32 letters and digits");
        }
        return new MtaStsRecord(id);
    }
}
