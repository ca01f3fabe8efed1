package io.mailplatform.core.tlsrpt;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * A TLS report (RFC 8460 §4): one sender's sessions with one policy domain over a day, per policy,
 * written as the JSON of §4.4.
 *
 * @param organizationName who sends it
 * @param start the first instant covered
 * @param end the end of the range (exclusive; written as the last second, as the RFC's example)
 * @param contactInfo whom to ask about it
 * @param reportId unique per report
 * @param policies one entry per policy in force that day
 */
public record TlsReport(String organizationName, Instant start, Instant end, String contactInfo, String reportId,
        List<PolicyResult> policies) {

    public TlsReport {
        policies = List.copyOf(policies);
    }

    /**
     * The sessions under one policy.
     *
     * @param policyType {@code sts}, {@code tlsa} or {@code no-policy-found}
     * @param policyString the policy's lines
     * @param policyDomain the recipient domain
     * @param mxHost the policy's MX patterns
     * @param successes sessions that met the policy
     * @param failures the others, by kind
     */
    public record PolicyResult(String policyType, List<String> policyString, String policyDomain, List<String> mxHost,
            long successes, List<FailureDetail> failures) {

        public PolicyResult {
            policyString = List.copyOf(policyString);
            mxHost = List.copyOf(mxHost);
            failures = List.copyOf(failures);
        }

        public long failureCount() {
            return failures.stream().mapToLong(FailureDetail::sessions).sum();
        }
    }

    /**
     * Failed sessions of one kind with one host.
     *
     * @param resultType why
     * @param receivingMxHostname the MX host
     * @param receivingIp its address
     * @param sessions how many
     */
    public record FailureDetail(TlsResultType resultType, String receivingMxHostname, String receivingIp, long sessions) {
    }

    /** The report as RFC 8460 §4.4 writes it. */
    public String json() {
        StringBuilder out = new StringBuilder("{");
        field(out, "organization-name", organizationName).append(',');
        out.append("\"date-range\":{");
        field(out, "start-datetime", start.truncatedTo(ChronoUnit.SECONDS).toString()).append(',');
        field(out, "end-datetime", end.minusSeconds(1).truncatedTo(ChronoUnit.SECONDS).toString()).append("},");
        field(out, "contact-info", contactInfo).append(',');
        field(out, "report-id", reportId).append(",\"policies\":[");
        for (int i = 0; i < policies.size(); i++) {
            PolicyResult policy = policies.get(i);
            out.append(i == 0 ? "" : ",").append("{\"policy\":{");
            field(out, "policy-type", policy.policyType()).append(',');
            strings(out, "policy-string", policy.policyString()).append(',');
            field(out, "policy-domain", policy.policyDomain()).append(',');
            strings(out, "mx-host", policy.mxHost()).append("},\"summary\":{");
            out.append("\"total-successful-session-count\":").append(policy.successes())
                    .append(",\"total-failure-session-count\":").append(policy.failureCount()).append("}");
            if (!policy.failures().isEmpty()) {
                out.append(",\"failure-details\":[");
                for (int j = 0; j < policy.failures().size(); j++) {
                    FailureDetail failure = policy.failures().get(j);
                    out.append(j == 0 ? "{" : ",{");
                    field(out, "result-type", failure.resultType().keyword()).append(',');
                    field(out, "receiving-mx-hostname", failure.receivingMxHostname()).append(',');
                    field(out, "receiving-ip", failure.receivingIp()).append(',');
                    out.append("\"failed-session-count\":").append(failure.sessions()).append('}');
                }
                out.append(']');
            }
            out.append('}');
        }
        return out.append("]}").toString();
    }

    private static StringBuilder field(StringBuilder out, String name, String value) {
        return quoted(quoted(out, name).append(':'), value);
    }

    private static StringBuilder strings(StringBuilder out, String name, List<String> values) {
        quoted(out, name).append(":[");
        for (int i = 0; i < values.size(); i++) {
            quoted(out.append(i == 0 ? "" : ","), values.get(i));
        }
        return out.append(']');
    }

    /** RFC 8259 §7: a JSON string. */
    private static StringBuilder quoted(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }
}
