package io.mailplatform.delivery.dane;

import io.mailplatform.delivery.relay.smtp.Tlsa;
import java.util.List;

/**
 * What DANE asks of one MX host (RFC 7672 §2.2): its usable TLSA records, or why it cannot be used.
 *
 * @param host the MX host name
 * @param tlsa the DNSSEC-validated usable records, empty when {@code failure} is set
 * @param failure why the host must not be used (its TLSA answer failed DNSSEC validation), or null
 */
public record DaneHost(String host, List<Tlsa> tlsa, String failure) {

    public DaneHost {
        tlsa = List.copyOf(tlsa);
    }

    /** The records as TLS reports show a tlsa policy (RFC 8460 §4.4: one string per record). */
    public List<String> policyStrings() {
        return tlsa.stream().map(Tlsa::toString).toList();
    }
}
