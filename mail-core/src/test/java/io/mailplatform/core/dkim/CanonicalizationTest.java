package io.mailplatform.core.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.core.mime.HeaderField;
import io.mailplatform.core.mime.HeaderSection;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class CanonicalizationTest {
    /** The example of RFC 6376 §3.4.6. */
    private static final String EXAMPLE = "A: X\r\nB : Y\t\r\n\tZ  \r\n\r\n C \r\nD \t E\r\n\r\n\r\n";

    private static String headers(String message, Canonicalization c) {
        byte[] bytes = message.getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (HeaderField field : HeaderSection.fields(bytes)) {
            c.header(bytes, field, out);
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    /** The canonical body itself, through a digest that records what it is given. */
    private static String body(String body, Canonicalization c, long limit) {
        Recording digest = new Recording();
        byte[] bytes = body.getBytes(StandardCharsets.ISO_8859_1);
        c.body(digest, limit).update(bytes, 0, bytes.length).finish();
        return digest.seen.toString(StandardCharsets.ISO_8859_1);
    }

    private static String bodyHash(String body, Canonicalization c) {
        byte[] bytes = body.getBytes(StandardCharsets.ISO_8859_1);
        return Base64.getEncoder().encodeToString(c.body(SigningAlgorithm.sha256(), -1).update(bytes, 0, bytes.length).finish());
    }

    @Test
    void theRfcExampleInBothAlgorithms() {
        assertThat(headers(EXAMPLE, Canonicalization.RELAXED)).isEqualTo("a:X\r\nb:Y Z\r\n");
        assertThat(headers(EXAMPLE, Canonicalization.SIMPLE)).isEqualTo("A: X\r\nB : Y\t\r\n\tZ  \r\n");
        assertThat(body(" C \r\nD \t E\r\n\r\n\r\n", Canonicalization.RELAXED, -1)).isEqualTo(" C\r\nD E\r\n");
        assertThat(body(" C \r\nD \t E\r\n\r\n\r\n", Canonicalization.SIMPLE, -1)).isEqualTo(" C \r\nD \t E\r\n");
    }

    @Test
    void emptyBodies() {
        assertThat(bodyHash("", Canonicalization.SIMPLE)).isEqualTo("frcCV1k9oG9oKj3dpUqdJg1PxRT2RSN/XKdLCPjaYaY=");
        assertThat(bodyHash("\r\n\r\n", Canonicalization.SIMPLE)).isEqualTo("frcCV1k9oG9oKj3dpUqdJg1PxRT2RSN/XKdLCPjaYaY=");
        assertThat(bodyHash("", Canonicalization.RELAXED)).isEqualTo("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
        assertThat(bodyHash(" \t\r\n\r\n", Canonicalization.RELAXED)).isEqualTo("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
    }

    @Test
    void aLastLineWithoutLineBreakGetsOne() {
        assertThat(body("end", Canonicalization.SIMPLE, -1)).isEqualTo("end\r\n");
        assertThat(body("end \t", Canonicalization.RELAXED, -1)).isEqualTo("end\r\n");
        assertThat(body("a\rb\r\n", Canonicalization.SIMPLE, -1)).isEqualTo("a\rb\r\n");
    }

    @Test
    void whiteSpaceOnlyLinesInsideTheBodyStay() {
        assertThat(body("a\r\n \r\nb\r\n", Canonicalization.RELAXED, -1)).isEqualTo("a\r\n\r\nb\r\n");
        assertThat(body("a\r\n \r\nb\r\n", Canonicalization.SIMPLE, -1)).isEqualTo("a\r\n \r\nb\r\n");
    }

    @Test
    void aBodyLengthCutsTheCanonicalBody() {
        assertThat(body("hello world\r\nmore\r\n", Canonicalization.SIMPLE, 5)).isEqualTo("hello");
        assertThat(body("hello world\r\n", Canonicalization.RELAXED, 0)).isEmpty();
    }

    @Test
    void foldedFieldsUnfoldInRelaxed() {
        assertThat(headers("Subject:\r\n  folded\r\n\t twice \r\n\r\n", Canonicalization.RELAXED)).isEqualTo("subject:folded twice\r\n");
    }

    @Test
    void theSignatureValueIsRemovedButNotBh() {
        byte[] field = "DKIM-Signature: bh=abc; b=de\r\n f ; d=x\r\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(new String(HeaderHashInput.withoutSignatureValue(field), StandardCharsets.ISO_8859_1))
                .isEqualTo("DKIM-Signature: bh=abc; b=; d=x\r\n");
        byte[] last = "DKIM-Signature: a=1; b=zz\r\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(new String(HeaderHashInput.withoutSignatureValue(last), StandardCharsets.ISO_8859_1))
                .isEqualTo("DKIM-Signature: a=1; b=\r\n");
    }

    private static final class Recording extends MessageDigest {
        final ByteArrayOutputStream seen = new ByteArrayOutputStream();

        Recording() {
            super("recording");
        }

        @Override
        protected void engineUpdate(byte input) {
            seen.write(input);
        }

        @Override
        protected void engineUpdate(byte[] input, int offset, int len) {
            seen.write(input, offset, len);
        }

        @Override
        protected byte[] engineDigest() {
            return new byte[0];
        }

        @Override
        protected void engineReset() {
        }
    }
}
