package io.mailplatform.delivery.config;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * DANE for outgoing mail ({@code mail.relay.dane.*}, RFC 7672): MX hosts with DNSSEC-validated TLSA
 * records are sent to over TLS with a certificate that matches them, or not at all. Validation is
 * done here from the trust anchor, on the answers of {@code mail.delivery.dns.resolvers}, which must
 * pass DNSSEC records (RRSIG, DNSKEY, DS) through.
 *
 * @param enabled look up and apply TLSA records (default false: only with resolvers that pass DNSSEC
 *        records; a resolver that strips them makes every signed destination bogus, and its mail wait)
 * @param trustAnchor DS or DNSKEY records in zone-file syntax with absolute owners (default the root
 *        zone's KSK-2017 DS, key tag 20326)
 * @param trustAdFrom resolvers ({@code host}, {@code host:port}, as {@code mail.delivery.dns.resolvers})
 *        whose AD bit is believed instead of validating here, when the first resolver is one of them:
 *        a validating resolver on this host or a trusted network path only (default none)
 */
@Validated
@ConfigurationProperties("mail.relay.dane")
public record DaneProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue(ROOT_KSK_2017) String trustAnchor,
        @DefaultValue List<String> trustAdFrom) {

    /** The root zone's KSK-2017 (https://data.iana.org/root-anchors/root-anchors.xml). */
    public static final String ROOT_KSK_2017 =
            ". IN DS 20326 8 2 E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D";

    public DaneProperties {
        trustAdFrom = List.copyOf(trustAdFrom);
    }
}
