package io.mailplatform.webmail.mtasts;

import io.mailplatform.core.mtasts.MtaStsMode;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The MTA-STS policy of the hosted domains ({@code mail.webmail.mta-sts.*}, RFC 8461), served at
 * {@code https://mta-sts.<domain>/.well-known/mta-sts.txt} and announced by the {@code _mta-sts}
 * record the DNS records endpoint lists. One policy for every hosted domain.
 *
 * @param enabled serve the policy and list its records (default true)
 * @param mode {@code testing} (senders report failures but deliver), {@code enforce} (senders deliver
 *        only over TLS with a valid certificate to the MX hosts named) or {@code none} (withdraw a
 *        published policy) (default testing: switch to enforce once TLS reports show no failures)
 * @param maxAge how long senders keep the policy, at most a year (default 7d)
 * @param mx the MX host patterns senders may deliver to (default: the mail host of
 *        {@code mail.webmail.dns-check.mail-host}, else {@code mail.http.hostname})
 */
@ConfigurationProperties("mail.webmail.mta-sts")
public record MtaStsPublishingProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("testing") MtaStsMode mode,
        @DefaultValue("7d") Duration maxAge,
        @DefaultValue List<String> mx) {
}
