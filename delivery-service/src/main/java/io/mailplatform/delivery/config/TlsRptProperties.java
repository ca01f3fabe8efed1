package io.mailplatform.delivery.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * TLS reports for the domains the relay sends to ({@code mail.relay.tls-rpt.*}, RFC 8460): the
 * sessions with MX hosts under an MTA-STS policy are counted per domain and UTC day, and once a day
 * is over its report goes to the {@code rua} of the domain's {@code _smtp._tls} record.
 *
 * @param enabled count sessions and send reports (default true)
 * @param organizationName who the reports say they are from (default: {@code mail.delivery.hostname})
 * @param sender the From and reverse path of reports sent by mail, and their contact-info (default:
 *        {@code postmaster@} and {@code mail.delivery.hostname})
 * @param checkInterval how often an instance looks for days to report (default 1h)
 * @param daysBack how many past days are still reported when an instance was down over midnight,
 *        1 to 30 (default 2)
 * @param httpsTimeout the POST of a report to an https: rua (default 30s)
 */
@Validated
@ConfigurationProperties("mail.relay.tls-rpt")
public record TlsRptProperties(
        @DefaultValue("true") boolean enabled,
        String organizationName,
        String sender,
        @DefaultValue("1h") Duration checkInterval,
        @DefaultValue("2") @Min(1) @Max(30) int daysBack,
        @DefaultValue("30s") Duration httpsTimeout) {
}
