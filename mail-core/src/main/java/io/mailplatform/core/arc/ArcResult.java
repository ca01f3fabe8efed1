package io.mailplatform.core.arc;

/**
 * The validation of a message's ARC chain (RFC 8617 §5.2).
 *
 * @param cv none (no chain), pass or fail
 * @param instance the highest ARC set instance, 0 without a chain
 * @param sealer d= of the newest ARC-Seal, or null
 * @param reason why the chain failed, or null
 */
public record ArcResult(ChainValidation cv, int instance, String sealer, String reason) {
    public static final ArcResult NONE = new ArcResult(ChainValidation.NONE, 0, null, null);

    /** The cv= values of RFC 8617 §4.1.3, which are also the arc method's results (RFC 8617 §10.1). */
    public enum ChainValidation {
        NONE("none"), PASS("pass"), FAIL("fail");

        private final String keyword;

        ChainValidation(String keyword) {
            this.keyword = keyword;
        }

        public String keyword() {
            return keyword;
        }
    }

    static ArcResult fail(int instance, String reason) {
        return new ArcResult(ChainValidation.FAIL, instance, null, reason);
    }

    /** The arc clause of Authentication-Results, starting with ";\r\n\t". */
    public String clause() {
        StringBuilder out = new StringBuilder(";\r\n\tarc=").append(cv.keyword());
        if (cv == ChainValidation.PASS) {
            out.append(" (i=").append(instance).append(" d=").append(sealer).append(')');
        } else if (reason != null) {
            out.append(" (").append(reason.replaceAll("[()\\\\\\p{Cntrl}]", "_")).append(')');
        }
        return out.toString();
    }
}
