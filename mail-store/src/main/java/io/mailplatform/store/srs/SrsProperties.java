package io.mailplatform.store.srs;

import io.mailplatform.core.address.AddressException;
import io.mailplatform.core.address.Domain;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Sender Rewriting Scheme ({@code mail.srs.*}): delivery rewrites the reverse path of mail it
 * forwards to remote addresses, the gateway takes bounces to those addresses. Both must have the
 * same secrets.
 *
 * @param enabled rewrite the reverse path of forwarded mail (default true); when false nothing is
 *        rewritten, but bounces to addresses made earlier are still taken until they expire
 * @param domain the local domain the rewritten addresses are at; it must be one of ours for bounces to
 *        come back (default: the domain of {@code mail.store.postmaster} if it is local, else the first
 *        local domain by name)
 * @param secrets the keys of the hash, the first signs and every one verifies, so a new one can be put
 *        first while the old one still verifies what is in flight; a secret of postsrsd or libsrs2 given
 *        here makes their addresses valid too (default: a key derived from {@code mail.store.secrets.key})
 * @param maxAge how long an address stays valid, in whole days, 1 to 1000 (default 21 days, as libsrs2)
 */
@ConfigurationProperties("mail.srs")
public record SrsProperties(
        @DefaultValue("true") boolean enabled,
        String domain,
        @DefaultValue List<String> secrets,
        @DefaultValue("21d") Duration maxAge) {

    public SrsProperties {
        if (domain != null && domain.isBlank()) {
            domain = null;
        }
        if (domain != null) {
            try {
                if (Domain.parse(domain.strip()).isAddressLiteral()) {
                    throw new IllegalArgumentException("mail.srs.domain must be a domain name, not " + domain);
                }
            } catch (AddressException e) {
                throw new IllegalArgumentException("mail.srs.domain is not a domain name: " + domain, e);
            }
            domain = domain.strip();
        }
        secrets = secrets == null ? List.of() : List.copyOf(secrets);
        if (secrets.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("mail.srs.secrets must not contain an empty secret");
        }
        if (maxAge == null || maxAge.toDays() < 1 || maxAge.toDays() > 1000) {
            throw new IllegalArgumentException("mail.srs.max-age must be 1 to 1000 days, not " + maxAge);
        }
    }

    /** The configured SRS domain, or null when it is derived from the directory. */
    public Domain srsDomain() {
        try {
            return domain == null ? null : Domain.parse(domain);
        } catch (AddressException e) {
            throw new IllegalStateException("checked when bound", e);
        }
    }

    @Override
    public String toString() {
        return "SrsProperties[enabled=" + enabled + ", domain=" + domain + ", secrets="
                + (secrets.isEmpty() ? "derived" : secrets.size() + " ***") + ", maxAge=" + maxAge + "]";
    }
}
