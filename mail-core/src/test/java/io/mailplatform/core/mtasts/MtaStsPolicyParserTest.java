package io.mailplatform.core.mtasts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The policy file and the {@code _mta-sts} record as RFC 8461 §3 writes them, and MX matching (§4.1). */
class MtaStsPolicyParserTest {

    @Test
    void theRfcExamplePolicy() throws Exception {
        // RFC 8461 §3.2
        MtaStsPolicy policy = MtaStsPolicyParser.parse("""
                version: STSv1\r
                mode: enforce\r
                mx: mail.example.com\r
                mx: *.example.net\r
                mx: backupmx.example.com\r
                max_age: 604800\r
                """);

        assertThat(policy).isEqualTo(new MtaStsPolicy(MtaStsMode.ENFORCE,
                List.of("mail.example.com", "*.example.net", "backupmx.example.com"), Duration.ofDays(7)));
    }

    @Test
    void bareLineFeedsUnknownFieldsAndSpacesAreTaken() throws Exception {
        MtaStsPolicy policy = MtaStsPolicyParser.parse("version:STSv1\nmode:   testing \nextension: whatever\nmx: MX.Example.ORG.\n"
                + "max_age: 86400");

        assertThat(policy.mode()).isEqualTo(MtaStsMode.TESTING);
        assertThat(policy.mx()).containsExactly("mx.example.org");
        assertThat(policy.maxAge()).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void modeNoneNeedsNoMx() throws Exception {
        assertThat(MtaStsPolicyParser.parse("version: STSv1\nmode: none\nmax_age: 0\n").mode()).isEqualTo(MtaStsMode.NONE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "mode: enforce\nmx: a.example\nmax_age: 1\n",                      // no version
        "version: STSv2\nmode: enforce\nmx: a.example\nmax_age: 1\n",       // unknown version
        "version: STSv1\nmode: strict\nmx: a.example\nmax_age: 1\n",        // unknown mode
        "version: STSv1\nmx: a.example\nmax_age: 1\n",                      // no mode
        "version: STSv1\nmode: enforce\nmax_age: 1\n",                      // enforce without mx
        "version: STSv1\nmode: enforce\nmx: a.example\n",                   // no max_age
        "version: STSv1\nmode: enforce\nmx: a.example\nmax_age: -1\n",      // not a number
        "version: STSv1\nmode: enforce\nmx: a.example\nmax_age: 31557601\n", // over a year
        "version: STSv1\nmode: enforce\nmx: a.*.example\nmax_age: 1\n",     // wildcard not left-most
        "version: STSv1\nmode: enforce\nmx: a_b.example\nmax_age: 1\n",     // no host name
        "version: STSv1\nmode: enforce\nthis line has no colon\nmax_age: 1\n",
        "<html><body>not found</body></html>"
    })
    void invalidPoliciesAreRefused(String text) {
        assertThatThrownBy(() -> MtaStsPolicyParser.parse(text)).isInstanceOf(MtaStsSyntaxException.class);
    }

    @Test
    void theFirstOfARepeatedFieldCounts() throws Exception {
        MtaStsPolicy policy = MtaStsPolicyParser.parse("version: STSv1\nmode: testing\nmode: enforce\nmx: a.example\n"
                + "max_age: 10\nmax_age: 20\n");

        assertThat(policy.mode()).isEqualTo(MtaStsMode.TESTING);
        assertThat(policy.maxAge()).isEqualTo(Duration.ofSeconds(10));
    }

    @ParameterizedTest
    @CsvSource({
        "mail.example.com, mail.example.com, true",
        "mail.example.com, MAIL.example.com., true",
        "mail.example.com, mail2.example.com, false",
        "*.example.net, mx1.example.net, true",
        "*.example.net, example.net, false",
        "*.example.net, a.b.example.net, false", // one label only (§4.1)
        "*.example.net, mx1.example.net.evil.test, false"
    })
    void mxPatterns(String pattern, String host, boolean permitted) {
        MtaStsPolicy policy = new MtaStsPolicy(MtaStsMode.ENFORCE, List.of(pattern), Duration.ofDays(1));

        assertThat(policy.permits(host)).isEqualTo(permitted);
    }

    @Test
    void aPolicyWritesWhatItReads() throws Exception {
        MtaStsPolicy policy = new MtaStsPolicy(MtaStsMode.TESTING, List.of("mx.example.org", "*.example.org"),
                Duration.ofDays(14));

        assertThat(policy.text()).isEqualTo("version: STSv1\r\nmode: testing\r\nmx: mx.example.org\r\nmx: *.example.org\r\n"
                + "max_age: 1209600\r\n");
        assertThat(MtaStsPolicyParser.parse(policy.text())).isEqualTo(policy);
    }

    @Test
    void theStsRecord() throws Exception {
        // RFC 8461 §3.1
        assertThat(MtaStsRecord.parse("v=STSv1; id=20160831085700Z;")).isEqualTo(new MtaStsRecord("20160831085700Z"));
        assertThat(MtaStsRecord.parse("v=STSv1;id=abc")).isEqualTo(new MtaStsRecord("abc"));
        assertThat(MtaStsRecord.parse("v=STSv1; ext=1; id=abc")).isEqualTo(new MtaStsRecord("abc"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"v=STSv1;", "v=STSv1; id=", "v=STSv1; id=has-hyphen", "v=STSv1; id=" + "a" + "0123456789"
            + "0123456789" + "0123456789" + "01", "id=abc; v=STSv1", "v=STSv2; id=abc"})
    void invalidStsRecords(String text) {
        assertThatThrownBy(() -> MtaStsRecord.parse(text)).isInstanceOf(MtaStsSyntaxException.class);
    }

    @Test
    void onlyOneStsRecordAmongTheTxtRecordsIsAPolicy() {
        assertThat(MtaStsRecord.find(List.of("v=spf1 -all", "v=STSv1; id=1"))).contains(new MtaStsRecord("1"));
        assertThat(MtaStsRecord.find(List.of("v=STSv1; id=1", "v=STSv1; id=2"))).isEqualTo(Optional.empty());
        assertThat(MtaStsRecord.find(List.of("v=STSv1; id=bad-id"))).isEqualTo(Optional.empty());
        assertThat(MtaStsRecord.find(List.of())).isEqualTo(Optional.empty());
    }

    @Test
    void thePublishedIdChangesExactlyWithThePolicy() throws Exception {
        MtaStsPolicy testing = new MtaStsPolicy(MtaStsMode.TESTING, List.of("mx.example.org"), Duration.ofDays(7));
        MtaStsRecord record = MtaStsRecord.of(testing);

        assertThat(MtaStsRecord.parse(record.text())).isEqualTo(record);
        assertThat(MtaStsRecord.of(new MtaStsPolicy(MtaStsMode.TESTING, List.of("MX.example.org"), Duration.ofDays(7))))
                .isEqualTo(record);
        assertThat(MtaStsRecord.of(new MtaStsPolicy(MtaStsMode.ENFORCE, List.of("mx.example.org"), Duration.ofDays(7))))
                .isNotEqualTo(record);
    }
}
