package io.mailplatform.webmail.config;

import io.mailplatform.core.net.HostNames;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the API is served ({@code mail.http.*}).
 *
 * @param plain serve plain HTTP instead of HTTPS (default false); then every request must come from
 *        loopback or from a trusted TLS-terminating proxy, others are refused with 401
 * @param tlsBundle the Spring SSL bundle with the HTTPS certificate (default "mail", the one of the
 *        mail protocols); without it a self-signed certificate is generated, unless
 *        {@code mail.tls.require-certificate} is set
 * @param hostname the name a generated certificate is made for (default: the local host name)
 * @param trustLoopback over plain HTTP, accept requests from a loopback address as protected (a
 *        client on the same machine; default true); set false when a local proxy forwards plain
 *        HTTP from elsewhere
 * @param trustedProxies addresses or CIDR blocks of TLS-terminating proxies whose
 *        {@code X-Forwarded-Proto: https} is believed (default none)
 */
@ConfigurationProperties("mail.http")
public record HttpProperties(
        @DefaultValue("false") boolean plain,
        @DefaultValue("mail") String tlsBundle,
        String hostname,
        @DefaultValue("true") boolean trustLoopback,
        @DefaultValue List<String> trustedProxies) {

    public HttpProperties {
        if (hostname == null || hostname.isBlank()) {
            hostname = HostNames.local();
        }
        trustedProxies = List.copyOf(trustedProxies);
    }
}
