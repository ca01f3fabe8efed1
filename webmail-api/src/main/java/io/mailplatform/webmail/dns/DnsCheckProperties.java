package io.mailplatform.webmail.dns;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The check of a domain's published DNS records ({@code mail.webmail.dns-check.*}).
 *
 * @param resolver the recursive resolver asked, {@code host} or {@code host:port}; unset uses the system's
 *        (/etc/resolv.conf) (default unset)
 * @param timeout how long one look-up may take (default 5s)
 * @param mailHost the host name MX records should point at, unless the request names one (default: the
 *        HTTPS host name, {@code mail.http.hostname})
 */
@ConfigurationProperties("mail.webmail.dns-check")
public record DnsCheckProperties(String resolver, @DefaultValue("5s") Duration timeout, String mailHost) {
}
