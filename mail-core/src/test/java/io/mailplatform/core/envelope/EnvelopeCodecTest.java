package io.mailplatform.core.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EnvelopeCodecTest {

    private static Envelope sample() {
        return new Envelope(EnvelopeId.next(), "sender@example.org",
                List.of(new EnvelopeRecipient("bob@example.test", Set.of(DsnNotify.FAILURE, DsnNotify.DELAY),
                                "rfc822;bob@example.test"),
                        EnvelopeRecipient.of("jörg@exämple.test")),
                "192.0.2.7", "mx.example.org", "sender@example.org",
                new Envelope.TlsInfo("TLSv1.3", "TLS_AES_128_GCM_SHA256"), Instant.ofEpochMilli(1_700_000_000_123L),
                BodyType.EIGHT_BIT_MIME, true, DsnReturn.HDRS, "QQ314159");
    }

    @Test
    void roundTripsEveryField() {
        Envelope envelope = sample();
        assertThat(EnvelopeCodec.decode(EnvelopeCodec.encode(envelope))).isEqualTo(envelope);
    }

    @Test
    void roundTripsNullReversePathAndMissingOptionals() {
        Envelope envelope = new Envelope("id1", "", List.of(EnvelopeRecipient.of("a@b.test")), null, null, null,
                null, Instant.EPOCH, BodyType.SEVEN_BIT, false, null, null);
        Envelope decoded = EnvelopeCodec.decode(EnvelopeCodec.encode(envelope));
        assertThat(decoded).isEqualTo(envelope);
        assertThat(decoded.isNullReversePath()).isTrue();
    }

    @Test
    void refusesUnknownVersionAndTruncation() {
        byte[] bytes = EnvelopeCodec.encode(sample());
        byte[] future = bytes.clone();
        future[0] = 9;
        assertThatThrownBy(() -> EnvelopeCodec.decode(future)).isInstanceOf(EnvelopeFormatException.class)
                .hasMessageContaining("version");
        for (int cut = 0; cut < bytes.length; cut++) {
            byte[] truncated = Arrays.copyOf(bytes, cut);
            assertThatThrownBy(() -> EnvelopeCodec.decode(truncated)).isInstanceOf(EnvelopeFormatException.class);
        }
    }

    @Test
    void envelopeIdsAreUnique() {
        Set<String> ids = new java.util.HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertThat(ids.add(EnvelopeId.next())).isTrue();
        }
    }
}
