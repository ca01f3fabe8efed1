package io.mailplatform.core.srs;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.core.address.Domain;
import io.mailplatform.core.address.MailboxAddress;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The codec against {@code srs/vectors.txt}: addresses made and reversed by postsrsd (libsrs2's
 * algorithm, in C) and Perl's Mail::SRS, which agree on every line (see {@code generate-vectors.py}
 * beside it). Each line runs on a clock frozen at noon UTC of its date.
 */
class SrsCodecVectorsTest {
    private static final Domain FORWARDER = new Domain("forwarder.test");

    record Vector(String date, List<String> secrets, String operation, String address, String result) {
        SrsCodec codec() {
            Clock clock = Clock.fixed(LocalDate.parse(date).atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
            return new SrsCodec(secrets.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList(), 21, clock);
        }
    }

    static List<Vector> vectors() throws Exception {
        List<Vector> vectors = new ArrayList<>();
        try (InputStream in = SrsCodecVectorsTest.class.getResourceAsStream("/srs/vectors.txt");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null;) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split(" \\| ");
                vectors.add(new Vector(fields[0], Arrays.asList(fields[1].split(",")), fields[2], fields[3], fields[4]));
            }
        }
        return vectors;
    }

    @TestFactory
    Stream<DynamicTest> agreesWithPostsrsdAndMailSrs() throws Exception {
        List<Vector> vectors = vectors();
        assertThat(vectors).hasSizeGreaterThan(30);
        return vectors.stream().map(v -> DynamicTest.dynamicTest(v.operation() + " " + v.address() + " at " + v.date(),
                () -> {
                    MailboxAddress address = MailboxAddress.parse(v.address());
                    if (v.operation().equals("forward")) {
                        // this codec writes '=' after the tag; the '+' and '-' forms are there as input to reverse
                        if (v.result().charAt(4) == '=') {
                            assertThat(v.codec().forward(address, FORWARDER)).hasValueSatisfying(
                                    rewritten -> assertThat(rewritten).hasToString(v.result()));
                        }
                        return;
                    }
                    SrsReversal reversal = v.codec().reverse(address);
                    if (v.result().contains("@")) {
                        assertThat(reversal).isEqualTo(new SrsReversal.Reversed(MailboxAddress.parse(v.result())));
                    } else {
                        assertThat(reversal).isEqualTo(new SrsReversal.Refused(SrsReversal.Reason.valueOf(v.result())));
                    }
                }));
    }
}
