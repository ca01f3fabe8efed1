package io.mailplatform.delivery.relay.smtp;

/**
 * The TLS a connection runs over, for logs and {@code Received:} lines.
 *
 * @param protocol e.g. TLSv1.3
 * @param cipherSuite e.g. TLS_AES_256_GCM_SHA384
 * @param verified whether the certificate chain and host name were checked
 */
public record TlsSession(String protocol, String cipherSuite, boolean verified) {
}
