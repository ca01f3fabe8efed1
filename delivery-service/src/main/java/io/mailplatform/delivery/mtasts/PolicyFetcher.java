package io.mailplatform.delivery.mtasts;

import io.mailplatform.core.tlsrpt.TlsResultType;
import io.mailplatform.delivery.config.MtaStsProperties;
import io.mailplatform.delivery.dns.DnsException;
import io.mailplatform.delivery.dns.DnsResolver;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * Fetches {@code https://mta-sts.<domain>/.well-known/mta-sts.txt} (RFC 8461 §3.3): the host's
 * addresses from the platform's DNS client, HTTP/1.1 over TLS 1.2 or 1.3 with the certificate
 * checked against trusted authorities and the host name (§3.3: a certificate that does not verify is
 * no policy), no redirects, a size limit and a deadline for the whole fetch. Blocks.
 */
public final class PolicyFetcher {
    static final String PATH = "/.well-known/mta-sts.txt";

    private final MtaStsProperties properties;
    private final DnsResolver dns;
    private final SSLContext tls;

    /** @param trust the authorities to trust; null for the JDK's */
    public PolicyFetcher(MtaStsProperties properties, DnsResolver dns, TrustManagerFactory trust) {
        this.properties = properties;
        this.dns = dns;
        try {
            this.tls = SSLContext.getInstance("TLS");
            tls.init(null, trust == null ? null : trust.getTrustManagers(), null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS for MTA-STS policy fetches", e);
        }
    }

    /** The policy file's text for the domain. */
    public String fetch(String domain) throws PolicyFetchException {
        String host = "mta-sts." + domain;
        List<InetAddress> addresses = addresses(host);
        long deadline = System.nanoTime() + properties.fetchTimeout().toNanos();
        PolicyFetchException last = null;
        for (InetAddress address : addresses) {
            try {
                return fetch(host, address, deadline);
            } catch (PolicyFetchException e) {
                if (e.type() != TlsResultType.STS_POLICY_FETCH_ERROR || remaining(deadline) <= 0) {
                    throw e; // an answer (bad certificate, no policy) counts; only an unreachable address gives way
                }
                last = e;
            }
        }
        throw last;
    }

    private List<InetAddress> addresses(String host) throws PolicyFetchException {
        List<InetAddress> addresses = new ArrayList<>();
        try {
            addresses.addAll(dns.addresses(host, false).records());
            addresses.addAll(dns.addresses(host, true).records());
        } catch (DnsException e) {
            throw new PolicyFetchException(TlsResultType.STS_POLICY_FETCH_ERROR, "cannot resolve " + host + ": "
                    + e.getMessage());
        }
        if (addresses.isEmpty()) {
            throw new PolicyFetchException(TlsResultType.STS_POLICY_FETCH_ERROR, host + " has no address");
        }
        return addresses;
    }

    private String fetch(String host, InetAddress address, long deadline) throws PolicyFetchException {
        InetSocketAddress target = new InetSocketAddress(address, properties.httpsPort());
        try (Socket raw = new Socket()) {
            raw.connect(target, (int) Math.max(1, Math.min(properties.connectTimeout().toMillis(), millis(deadline))));
            raw.setSoTimeout((int) Math.max(1, millis(deadline)));
            try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(raw, host, target.getPort(), true)) {
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS"); // RFC 8461 §3.3: the name is checked
                parameters.setServerNames(List.of(new SNIHostName(host)));
                parameters.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
                socket.setSSLParameters(parameters);
                try {
                    socket.startHandshake();
                } catch (SSLHandshakeException e) {
                    throw handshake(host, e);
                }
                OutputStream out = socket.getOutputStream();
                out.write(("GET " + PATH + " HTTP/1.1\r\nHost: " + host + "\r\nAccept: text/plain\r\n"
                        + "Connection: close\r\nUser-Agent: mailplatform-mta-sts\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = new java.io.BufferedInputStream(new DeadlineInputStream(socket, deadline));
                return PolicyResponse.read(in, (int) properties.maxPolicySize().toBytes());
            }
        } catch (IOException e) {
            throw new PolicyFetchException(TlsResultType.STS_POLICY_FETCH_ERROR, "fetching https://" + host + PATH
                    + " from " + address.getHostAddress() + " failed: " + e.getMessage());
        }
    }

    private static PolicyFetchException handshake(String host, SSLHandshakeException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof CertificateException) {
                return new PolicyFetchException(TlsResultType.STS_WEBPKI_INVALID, "the certificate of " + host
                        + " does not verify: " + e.getMessage());
            }
        }
        return new PolicyFetchException(TlsResultType.STS_POLICY_FETCH_ERROR, "TLS with " + host + " failed: "
                + e.getMessage());
    }

    private static long remaining(long deadline) {
        return deadline - System.nanoTime();
    }

    private static long millis(long deadline) {
        return remaining(deadline) / 1_000_000;
    }

    /** Each read waits at most until the fetch's deadline, so a server trickling octets cannot hold it. */
    private static final class DeadlineInputStream extends InputStream {
        private final Socket socket;
        private final InputStream in;
        private final long deadline;

        DeadlineInputStream(Socket socket, long deadline) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.deadline = deadline;
        }

        @Override
        public int read() throws IOException {
            arm();
            return in.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            arm();
            return in.read(buffer, offset, length);
        }

        private void arm() throws IOException {
            long left = millis(deadline);
            if (left <= 0) {
                throw new java.net.SocketTimeoutException("the fetch took longer than its timeout");
            }
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
        }
    }
}
