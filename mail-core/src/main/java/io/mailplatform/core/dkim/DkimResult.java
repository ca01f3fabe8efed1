package io.mailplatform.core.dkim;

/**
 * The outcome of one signature (RFC 8601 §2.7.1 result values).
 *
 * @param signature the parsed signature, or null when it could not be parsed
 * @param keyBits the size of the key it was checked with, or 0 when no key was used
 */
public record DkimResult(Verdict verdict, String reason, DkimSignature signature, int keyBits) {

    public enum Verdict {
        PASS("pass"), FAIL("fail"), POLICY("policy"), NEUTRAL("neutral"), TEMPERROR("temperror"), PERMERROR("permerror");

        private final String keyword;

        Verdict(String keyword) {
            this.keyword = keyword;
        }

        public String keyword() {
            return keyword;
        }
    }

    public boolean passed() {
        return verdict == Verdict.PASS;
    }
}
