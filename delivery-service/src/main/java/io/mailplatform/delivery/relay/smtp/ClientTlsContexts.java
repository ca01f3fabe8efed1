package io.mailplatform.delivery.relay.smtp;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * The client's TLS contexts (TLS 1.2 and 1.3, RFC 8996): one that checks nothing, for opportunistic
 * TLS (RFC 7435 §3: an unauthenticated encrypted channel beats plaintext), and one that checks the
 * chain against trusted authorities and the host name (RFC 6125, as HTTPS does) where TLS is required.
 *
 * @param unverified for opportunistic TLS
 * @param verified for required TLS with verification
 * @param check the check after an unverified handshake, for {@link TlsPolicy#AUTHENTICATED}
 */
record ClientTlsContexts(SslContext unverified, SslContext verified, ServerCertificateCheck check) {

    /**
     * @param trust the authorities to trust for verified TLS; null for the JDK's default
     */
    static ClientTlsContexts create(TrustManagerFactory trust) {
        try {
            SslContext unverified = base().trustManager(InsecureTrustManagerFactory.INSTANCE)
                    .endpointIdentificationAlgorithm(null).build();
            SslContextBuilder verifiedBuilder = base().endpointIdentificationAlgorithm("HTTPS");
            if (trust != null) {
                verifiedBuilder.trustManager(trust);
            }
            return new ClientTlsContexts(unverified, verifiedBuilder.build(), ServerCertificateCheck.create(trust));
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build the relay client's TLS contexts", e);
        }
    }

    private static SslContextBuilder base() {
        return SslContextBuilder.forClient().sslProvider(SslProvider.JDK).protocols("TLSv1.3", "TLSv1.2");
    }
}
