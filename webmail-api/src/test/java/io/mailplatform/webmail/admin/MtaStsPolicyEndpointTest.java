package io.mailplatform.webmail.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.core.mtasts.MtaStsMode;
import io.mailplatform.core.mtasts.MtaStsPolicy;
import io.mailplatform.core.mtasts.MtaStsPolicyParser;
import io.mailplatform.store.directory.DirectoryService;
import io.mailplatform.testsupport.RealInfrastructure;
import io.mailplatform.testsupport.Transcript;
import io.mailplatform.webmail.WebmailApplication;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The MTA-STS policy file of the hosted domains (RFC 8461 §3.2) over real HTTPS, as a sender fetches
 * it: anonymous, {@code Host: mta-sts.<domain>}, text/plain; another host gets 404.
 */
@SpringBootTest(classes = WebmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"mail.webmail.mta-sts.mode=enforce", "mail.webmail.mta-sts.max-age=14d",
                "mail.webmail.mta-sts.mx=mx1.policy.test,*.mx.policy.test"})
@RealInfrastructure
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MtaStsPolicyEndpointTest {
    @LocalServerPort
    int port;
    @Autowired
    DirectoryService directory;

    @BeforeAll
    void domains() throws Exception {
        directory.createDomain("policy.test");
    }

    /** The response, head and body, to a GET of the policy path with this Host header. */
    private String get(String host) throws Exception {
        try (SSLSocket socket = (SSLSocket) Transcript.trustAll().getSocketFactory().createSocket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /.well-known/mta-sts.txt HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theHostedDomainsPolicyIsServedToAnyone() throws Exception {
        String response = get("mta-sts.policy.test");

        assertThat(response).startsWith("HTTP/1.1 200");
        assertThat(response.toLowerCase()).contains("content-type: text/plain");
        String body = response.substring(response.indexOf("\r\n\r\n") + 4);
        assertThat(MtaStsPolicyParser.parse(body)).isEqualTo(new MtaStsPolicy(MtaStsMode.ENFORCE,
                List.of("mx1.policy.test", "*.mx.policy.test"), Duration.ofDays(14)));
    }

    @Test
    void anyOtherHostHasNoPolicy() throws Exception {
        assertThat(get("mta-sts.elsewhere.test")).startsWith("HTTP/1.1 404");
        assertThat(get("policy.test")).startsWith("HTTP/1.1 404");
        assertThat(get("127.0.0.1")).startsWith("HTTP/1.1 404");
    }
}
