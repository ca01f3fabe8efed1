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

    /** The DKIM-Signature field to put on top of the message, ending in CRLF. */
    public String sign(byte[] message, Instant now) throws GeneralSecurityException {
        int bodyStart = HeaderSection.bodyOffset(message);
        List<HeaderField> fields = HeaderSection.fields(message, 0, bodyStart);
        List<String> names = signedNames(fields);
        byte[] bodyHash = Canonicalization.RELAXED.body(SigningAlgorithm.sha256(), -1)
                .update(message, bodyStart, message.length).finish();
        StringBuilder field = new StringBuilder(512).append("DKIM-Signature: v=1; a=").append(algorithm.keyword())
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
        String value = Base64.getEncoder().encodeToString(algorithm.sign(key, data));
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
