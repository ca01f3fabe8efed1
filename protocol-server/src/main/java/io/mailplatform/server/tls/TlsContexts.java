package io.mailplatform.server.tls;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;

/** Netty server TLS contexts for the mail protocols: TLS 1.2 and 1.3 only (RFC 8996, RFC 8314). */
public final class TlsContexts {
    private TlsContexts() {
    }

    public static SslContext server(KeyManagerFactory keyManagers) {
        try {
            return SslContextBuilder.forServer(keyManagers)
                    .sslProvider(SslProvider.JDK)
                    .protocols("TLSv1.3", "TLSv1.2")
                    .clientAuth(ClientAuth.NONE)
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build the TLS context", e);
        }
    }
}
