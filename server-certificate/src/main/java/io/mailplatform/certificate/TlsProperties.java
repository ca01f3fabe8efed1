package io.mailplatform.certificate;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Certificate rules for every service ({@code mail.tls.*}).
 *
 * @param requireCertificate refuse to start when the SSL bundle a service is configured with (by
 *        default {@code mail}) does not exist, instead of serving a generated self-signed
 *        certificate; set it in production (default false)
 */
@ConfigurationProperties("mail.tls")
public record TlsProperties(@DefaultValue("false") boolean requireCertificate) {
}
