package io.mailplatform.core.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.testsupport.fuzz.Fuzz;
import io.mailplatform.testsupport.fuzz.FuzzInput;
import io.mailplatform.testsupport.fuzz.HostileInputs;
import java.time.Clock;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Fuzzing of what a sender controls: the DKIM-Signature field, key records (from the sender's DNS)
 * and the message around them. A signature or key record parses or is a {@link DkimException}
 * (permerror); verifying a mutated signed message gives one verdict per signature, never an
 * exception. Tries: {@code -Dfuzz.tries} (README "Development").
 */
class DkimFuzzTest {
    private static final String SIGNATURE = "v=1; a=rsa-sha256; c=relaxed/simple; d=football.example.com;"
            + " i=joe@football.example.com; q=dns/txt; s=test; t=1528637909; x=1928637909; l=20;"
            + " h=from : to : subject; bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=; b=F45dVWDf MbQDGH==";

    @Provide
    Arbitrary<FuzzInput> signatures() {
        return HostileInputs.of(List.of(SIGNATURE, "v=1; a=ed25519-sha256; d=x; s=y; h=from; bh=; b="))
                .tokens(";", "=", " ", "\r\n ", "\t", "v=", "a=", "b=", "bh=", "c=", "d=", "h=", "i=", "l=", "q=", "s=",
                        "t=", "x=", "z=", "rsa-sha1", "relaxed", "simple", "/", ":", "@", "99999999999999999999", "-1")
                .maxLength(8 * 1024).arbitrary();
    }

    @Provide
    Arbitrary<FuzzInput> keyRecords() {
        return HostileInputs.of(Rfc8463.DNS.values().stream().flatMap(List::stream).toList())
                .tokens(";", "=", " ", "v=DKIM1", "k=", "k=ed25519", "p=", "h=sha1", "s=*", "t=y:s", "MIGf", "==", "A")
                .maxLength(4 * 1024).arbitrary();
    }

    @Provide
    Arbitrary<FuzzInput> messages() {
        return HostileInputs.of(List.of(Rfc8463.MESSAGE)).tokens("\r\n", "\n", "\r", " ", "\t", ":", ";", "=",
                "DKIM-Signature:", "b=", "bh=", "h=", "\r\n\r\n").maxLength(16 * 1024).arbitrary();
    }

    @Property
    void aMutatedSignatureParsesOrIsAPermerror(@ForAll("signatures") FuzzInput input) {
        try {
            DkimSignature signature = Fuzz.bounded(() -> DkimSignature.parse(input.latin1()));
            assertThat(signature.signedFields()).isNotEmpty();
            assertThat(signature.identity()).contains("@");
        } catch (DkimException permerror) {
            assertThat(permerror.getMessage()).isNotBlank();
        }
    }

    @Property
    void aMutatedKeyRecordParsesOrIsAPermerror(@ForAll("keyRecords") FuzzInput input) {
        try {
            DkimKeyRecord record = Fuzz.bounded(() -> DkimKeyRecord.parse(input.latin1()));
            assertThat(record.bits()).isPositive();
        } catch (DkimException permerror) {
            assertThat(permerror.getMessage()).isNotBlank();
        }
    }

    @Property
    void aMutatedSignedMessageGetsAVerdictPerSignature(@ForAll("messages") FuzzInput input) {
        List<DkimResult> results = Fuzz.bounded(() -> new DkimVerifier(Rfc8463.dns(), 5, Clock.systemUTC()).verify(input.bytes()));
        assertThat(results).hasSizeLessThanOrEqualTo(5).allSatisfy(result -> assertThat(result.verdict()).isNotNull());
    }
}
