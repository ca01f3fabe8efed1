package io.mailplatform.delivery.spf;

/**
 * Renders the outcome as trace fields: {@code Received-SPF} (RFC 7208 §9.1) and the clauses of
 * {@code Authentication-Results} (RFC 8601 §2.7.2, method "spf", properties smtp.mailfrom and smtp.helo).
 */
public final class SpfHeaders {
    private SpfHeaders() {
    }

    /** The Received-SPF field, ending in CRLF. */
    public static String receivedSpf(SpfOutcome outcome, String receiver) {
        SpfVerdict verdict = outcome.verdict();
        StringBuilder field = new StringBuilder("Received-SPF: ").append(verdict.result().keyword()).append(" (")
                .append(comment(receiver + ": " + comment(outcome))).append(")\r\n\tclient-ip=").append(outcome.clientIp())
                .append("; envelope-from=").append(value(outcome.sender())).append("; helo=")
                .append(value(outcome.heloName())).append(";\r\n\treceiver=").append(value(receiver)).append("; identity=")
                .append(outcome.identity()).append(';');
        if (verdict.result() == SpfResult.PERMERROR || verdict.result() == SpfResult.TEMPERROR) {
            field.append(" problem=").append(value(verdict.problem())).append(';');
        }
        return field.append("\r\n").toString();
    }

    /** The spf result clauses of Authentication-Results, each starting with ";\r\n\t", to follow the authserv-id. */
    public static String clauses(SpfOutcome outcome) {
        StringBuilder clauses = new StringBuilder(";\r\n\tspf=").append(outcome.result().keyword()).append(" smtp.")
                .append(outcome.identity().equals("helo") ? "helo=" + value(outcome.heloName())
                        : "mailfrom=" + value(outcome.sender()));
        if (outcome.helo() != null) {
            clauses.append(";\r\n\tspf=").append(outcome.helo().result().keyword()).append(" smtp.helo=")
                    .append(value(outcome.heloName()));
        }
        return clauses.toString();
    }

    private static String comment(SpfOutcome outcome) {
        String domain = outcome.domain();
        String ip = outcome.clientIp();
        SpfVerdict verdict = outcome.verdict();
        return switch (verdict.result()) {
            case PASS -> "domain of " + outcome.sender() + " designates " + ip + " as permitted sender";
            case FAIL -> "domain of " + outcome.sender() + " does not designate " + ip + " as permitted sender"
                    + (verdict.explanation() == null ? "" : ": " + verdict.explanation());
            case SOFTFAIL -> "domain of transitioning " + outcome.sender() + " does not designate " + ip
                    + " as permitted sender";
            case NEUTRAL -> ip + " is neither permitted nor denied by domain of " + outcome.sender();
            case NONE -> domain + " does not designate permitted sender hosts";
            case TEMPERROR -> "error in processing during lookup of " + outcome.sender();
            case PERMERROR -> "permanent error in processing domain of " + domain;
        };
    }

    /** A comment's text: no parentheses or backslashes, no line breaks, printable ASCII. */
    private static String comment(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            out.append(c == '(' || c == ')' || c == '\\' || c < 0x20 || c > 0x7e ? '_' : c);
        }
        return out.toString();
    }

    /** A dot-atom as it is, anything else as a quoted-string with printable ASCII only. */
    static String value(String text) {
        if (text == null) {
            return "\"\"";
        }
        if (!text.isEmpty() && text.matches("[A-Za-z0-9!#$%&'*+/=?^_`{|}~.@-]+") && !text.startsWith(".")) {
            return text;
        }
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else {
                out.append(c < 0x20 || c > 0x7e ? '_' : c);
            }
        }
        return out.append('"').toString();
    }
}
