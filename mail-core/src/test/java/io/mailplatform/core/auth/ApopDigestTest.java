package io.mailplatform.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApopDigestTest {
    private static final String RFC_TIMESTAMP = "<1896.697170952@dbc.mtview.ca.us>";

    @Test
    void computesTheRfc1939Example() {
        // RFC 1939 §7: shared secret "tanstaaf"
        assertThat(ApopDigest.compute(RFC_TIMESTAMP, "tanstaaf")).isEqualTo("c4c9334bac560ecc979e58001b3e22fb");
    }

    @Test
    void matchesEitherCaseButNothingElse() {
        assertThat(ApopDigest.matches(RFC_TIMESTAMP, "tanstaaf", "c4c9334bac560ecc979e58001b3e22fb")).isTrue();
        assertThat(ApopDigest.matches(RFC_TIMESTAMP, "tanstaaf", "C4C9334BAC560ECC979E58001B3E22FB")).isTrue();
        assertThat(ApopDigest.matches(RFC_TIMESTAMP, "tanstaaF", "c4c9334bac560ecc979e58001b3e22fb")).isFalse();
        assertThat(ApopDigest.matches("<1897.697170952@dbc.mtview.ca.us>", "tanstaaf",
                "c4c9334bac560ecc979e58001b3e22fb")).isFalse();
        assertThat(ApopDigest.matches(RFC_TIMESTAMP, "tanstaaf", "c4c9334bac560ecc979e58001b3e22f")).isFalse();
        assertThat(ApopDigest.matches(RFC_TIMESTAMP, "tanstaaf", null)).isFalse();
    }

    @Test
    void wellFormedDigestsAreExactly32HexDigits() {
        assertThat(ApopDigest.isWellFormed("0123456789abcdefABCDEF0123456789")).isTrue();
        assertThat(ApopDigest.isWellFormed("0123456789abcdefABCDEF012345678g")).isFalse();
        assertThat(ApopDigest.isWellFormed("0123456789abcdefABCDEF012345678\u0661")).isFalse();
        assertThat(ApopDigest.isWellFormed("")).isFalse();
    }
}
