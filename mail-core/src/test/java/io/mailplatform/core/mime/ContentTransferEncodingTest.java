package io.mailplatform.core.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ContentTransferEncodingTest {

    static String decode(ContentTransferEncoding encoding, String content) {
        return new String(encoding.decode(content.getBytes(StandardCharsets.ISO_8859_1)), StandardCharsets.ISO_8859_1);
    }

    @Test
    void namesAreCaseInsensitiveMissingIsSevenBitUnknownIsEmpty() {
        assertThat(ContentTransferEncoding.of((String) null)).contains(ContentTransferEncoding.SEVEN_BIT);
        assertThat(ContentTransferEncoding.of("  ")).contains(ContentTransferEncoding.SEVEN_BIT);
        assertThat(ContentTransferEncoding.of("BASE64")).contains(ContentTransferEncoding.BASE64);
        assertThat(ContentTransferEncoding.of(" Quoted-Printable (qp)")).contains(ContentTransferEncoding.QUOTED_PRINTABLE);
        assertThat(ContentTransferEncoding.of("8Bit")).contains(ContentTransferEncoding.EIGHT_BIT);
        assertThat(ContentTransferEncoding.of("binary")).contains(ContentTransferEncoding.BINARY);
        assertThat(ContentTransferEncoding.of("x-uuencode")).isEqualTo(Optional.empty());
        assertThat(ContentTransferEncoding.of("base-64")).isEmpty();
    }

    @Test
    void identityEncodingsCopyTheRange() {
        byte[] bytes = {1, 2, 3, 4, 5};
        for (ContentTransferEncoding identity : new ContentTransferEncoding[] {ContentTransferEncoding.SEVEN_BIT,
            ContentTransferEncoding.EIGHT_BIT, ContentTransferEncoding.BINARY}) {
            assertThat(identity.transforms()).isFalse();
            assertThat(identity.decode(bytes, 1, 4)).containsExactly(2, 3, 4);
        }
    }

    @Test
    void base64IsLenient() {
        ContentTransferEncoding b64 = ContentTransferEncoding.BASE64;
        assertThat(decode(b64, "SGVsbG8gd29ybGQ=")).isEqualTo("Hello world");
        assertThat(decode(b64, "SGVs\r\nbG8g\r\nd29y bGQ")).isEqualTo("Hello world"); // no padding
        assertThat(decode(b64, "SG*Vs!bG8")).isEqualTo("Hello");
        assertThat(decode(b64, "SGk=SGk=")).isEqualTo("Hi"); // data after padding is ignored
        assertThat(decode(b64, "")).isEmpty();
        assertThat(decode(b64, "S")).isEmpty();
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 200; i++) {
            byte[] data = new byte[random.nextInt(300)];
            random.nextBytes(data);
            byte[] encoded = Base64.getMimeEncoder().encode(data);
            assertThat(b64.decode(encoded)).isEqualTo(data);
        }
    }

    @Test
    void quotedPrintableIsLenient() {
        ContentTransferEncoding qp = ContentTransferEncoding.QUOTED_PRINTABLE;
        assertThat(decode(qp, "caf=E9 na=efve")).isEqualTo("caf\u00e9 na\u00efve");
        assertThat(decode(qp, "soft=\r\nbreak and=  \r\nblank=\nlf")).isEqualTo("softbreak andblanklf");
        assertThat(decode(qp, "trailing   \r\nspace\t\r\nkept here")).isEqualTo("trailing\r\nspace\r\nkept here");
        assertThat(decode(qp, "=ZZ =4 100%=")).isEqualTo("=ZZ =4 100%");
        assertThat(decode(qp, "=")).isEmpty();
    }

    @Test
    void decodesAPartOfAMessage() {
        byte[] m = "Content-Transfer-Encoding: base64\r\n\r\nSGk=\r\n".getBytes(StandardCharsets.US_ASCII);
        BodyPart body = MessageSummaryParser.parse(m).body();
        assertThat(ContentTransferEncoding.of(body).orElseThrow().decode(m, body.bodyOffset(), body.endOffset()))
                .isEqualTo("Hi".getBytes(StandardCharsets.US_ASCII));
    }
}
