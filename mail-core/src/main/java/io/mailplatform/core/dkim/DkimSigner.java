package io.mailplatform.core.dkim;

import io.mailplatform.core.mime.HeaderField;
import io.mailplatform.core.mime.HeaderSection;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * Signs a message for one domain and selector with relaxed/relaxed canonicalisation, never with l=
 * (a body length lets anyone append to the message). The fields signed are those of {@link #SIGNED}
 * the message has, each instance once, and the fields of {@link #OVERSIGNED} once more, so that a
 * copy added on the way (a second From above the first, say) breaks the signature.
 */
public final class DkimSigner {
    static final List<String> SIGNED = List.of("From", "Reply-To", "Sender", "Subject", "Date", "Message-ID", "To", "Cc",
            "In-Reply-To", "References", "MIME-Version", "Content-Type", "Content-Transfer-Encoding", "Content-ID",
            "Content-Description", "Resent-Date", "Resent-From", "Resent-Sender", "Resent-To", "Resent-Cc",
            "Resent-Message-ID", "List-Id", "List-Help", "List-Unsubscribe", "List-Subscribe", "List-Post", "List-Owner",
            "List-Archive", "List-Unsubscribe-Post");
    static final Set<String> OVERSIGNED = Set.of("from", "reply-to", "subject", "date");
    private static final int LINE = 76;

    private final String domain;
    private final String selector;
    private final SigningAlgorithm algorithm;
    private final PrivateKey key;

    public DkimSigner(String domain, String selector, SigningAlgorithm algorithm, PrivateKey key) {
        this.domain = domain.toLowerCase(Locale.ROOT);
        this.selector = selector.toLowerCase(Locale.ROOT);
        this.algorithm = algorithm;
        this.key = key;
    }

    public String domain() {
        return domain;
    }

    public String selector() {
        return selector;
    }

    public SigningAlgorithm algorithm() {
        return algorithm;
    }

    /** The DKIM-Signature field to put on top of the message, ending in CRLF. */
    public String sign(byte[] message, Instant now) throws GeneralSecurityException {
        return signField("DKIM-Signature: v=1", message, now);
    }

    /**
     * The ARC-Message-Signature of ARC set {@code instance} (RFC 8617 §4.1.2): a DKIM signature whose
     * first tag is i= instead of v=, over the same fields (no ARC field and no Authentication-Results among them).
     */
    public String signArcMessage(int instance, byte[] message, Instant now) throws GeneralSecurityException {
        return signField("ARC-Message-Signature: i=" + instance, message, now);
    }

    /**
     * The ARC-Seal of set {@code instance} (RFC 8617 §4.1.3), ending in CRLF.
     *
     * @param cv the chain validation status: none, pass or fail
     * @param input what the seal signs, given the seal field with an empty b= (RFC 8617 §5.1.1)
     */
    public String seal(int instance, String cv, Instant now, Function<byte[], byte[]> input)
            throws GeneralSecurityException {
        StringBuilder field = new StringBuilder(512).append("ARC-Seal: i=").append(instance).append("; a=")
                .append(algorithm.keyword()).append("; t=").append(now.getEpochSecond()).append("; cv=").append(cv)
                .append(";\r\n\td=").append(domain).append("; s=").append(selector).append(";\r\n\tb=");
        byte[] data = input.apply(field.toString().getBytes(StandardCharsets.ISO_8859_1));
        return appendSignature(field, algorithm.sign(key, data));
    }

    private String signField(String start, byte[] message, Instant now) throws GeneralSecurityException {
        int bodyStart = HeaderSection.bodyOffset(message);
        List<HeaderField> fields = HeaderSection.fields(message, 0, bodyStart);
        List<String> names = signedNames(fields);
        byte[] bodyHash = Canonicalization.RELAXED.body(SigningAlgorithm.sha256(), -1)
                .update(message, bodyStart, message.length).finish();
        StringBuilder field = new StringBuilder(512).append(start).append("; a=").append(algorithm.keyword())
                .append("; c=relaxed/relaxed; d=").append(domain).append("; s=").append(selector).append(";\r\n\tt=")
                .append(now.getEpochSecond()).append("; h=");
        int lineLength = field.length() - field.lastIndexOf("\n");
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i) + (i + 1 < names.size() ? ":" : ";");
            if (lineLength + name.length() > LINE) {
                field.append("\r\n\t");
                lineLength = 1;
            }
            field.append(name);
            lineLength += name.length();
        }
        field.append("\r\n\tbh=").append(Base64.getEncoder().encodeToString(bodyHash)).append(";\r\n\tb=");
        byte[] unsigned = field.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] data = HeaderHashInput.of(message, fields, names, Canonicalization.RELAXED, unsigned);
        return appendSignature(field, algorithm.sign(key, data));
    }

    /** Appends the b= value, folded, and the final CRLF. */
    private static String appendSignature(StringBuilder field, byte[] signature) {
        String value = Base64.getEncoder().encodeToString(signature);
        int column = 3;
        for (int i = 0; i < value.length(); i++) {
            if (column == LINE) {
                field.append("\r\n\t"); // white space inside b= is ignored by every verifier
                column = 1;
            }
            field.append(value.charAt(i));
            column++;
        }
        return field.append("\r\n").toString();
    }

    private static List<String> signedNames(List<HeaderField> fields) {
        List<String> names = new ArrayList<>();
        for (String name : SIGNED) {
            String lower = name.toLowerCase(Locale.ROOT);
            long count = fields.stream().filter(f -> f.name().equalsIgnoreCase(name)).count();
            long times = count + (OVERSIGNED.contains(lower) ? 1 : 0);
            for (long i = 0; i < times; i++) {
                names.add(lower);
            }
        }
        return names;
    }
}
