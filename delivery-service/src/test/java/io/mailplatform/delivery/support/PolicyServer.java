package io.mailplatform.delivery.support;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * An MTA-STS policy host ({@code https://mta-sts.<domain>/.well-known/mta-sts.txt}) on the JDK's
 * HTTPS server, at a loopback address and the shared context's {@code mail.relay.mta-sts.https-port}.
 * The answer can be changed while it runs; requests are counted.
 */
public final class PolicyServer implements AutoCloseable {
    private final HttpsServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile int status = 200;
    private volatile String contentType = "text/plain";
    private volatile String body;

    private PolicyServer(String address, SSLContext tls, String body) throws IOException {
        this.body = body;
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getByName(address), RelayFakes.policyPort()), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/.well-known/mta-sts.txt", exchange -> {
            requests.incrementAndGet();
            byte[] octets = this.body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", contentType);
            if (status / 100 == 3) {
                exchange.getResponseHeaders().add("Location", "https://elsewhere.test/.well-known/mta-sts.txt");
            }
            exchange.sendResponseHeaders(status, octets.length == 0 ? -1 : octets.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(octets);
            }
        });
        server.start();
    }

    /** Serves {@code policy} at {@code address} with a certificate from {@code tls}. */
    public static PolicyServer start(String address, SSLContext tls, String policy) throws IOException {
        return new PolicyServer(address, tls, policy);
    }

    public PolicyServer policy(String policy) {
        this.body = policy;
        return this;
    }

    public PolicyServer status(int status) {
        this.status = status;
        return this;
    }

    public PolicyServer contentType(String contentType) {
        this.contentType = contentType;
        return this;
    }

    public int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
