package io.mailplatform.delivery.mtasts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailplatform.core.tlsrpt.TlsResultType;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The HTTP response to a policy request (RFC 9112, RFC 8461 §3.3), read from bytes. */
class PolicyResponseTest {
    private static final String POLICY = "version: STSv1\r\nmode: enforce\r\nmx: mx.example.org\r\nmax_age: 86400\r\n";

    private static String read(String response, int limit) throws Exception {
        return PolicyResponse.read(new ByteArrayInputStream(response.getBytes(StandardCharsets.UTF_8)), limit);
    }

    private static TlsResultType failure(String response, int limit) {
        try {
            read(response, limit);
        } catch (PolicyFetchException e) {
            return e.type();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("read: " + response);
    }

    @Test
    void byContentLengthChunkedOrUntilTheEnd() throws Exception {
        assertThat(read("HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: " + POLICY.length()
                + "\r\n\r\n" + POLICY, 1000)).isEqualTo(POLICY);
        assertThat(read("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "10\r\n" + POLICY.substring(0, 16) + "\r\n" + Integer.toHexString(POLICY.length() - 16) + ";ext=1\r\n"
                + POLICY.substring(16) + "\r\n0\r\nTrailer: x\r\n\r\n", 1000)).isEqualTo(POLICY);
        assertThat(read("HTTP/1.0 200 OK\nContent-Type: TEXT/PLAIN\n\n" + POLICY, 1000)).isEqualTo(POLICY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"301 Moved Permanently", "302 Found", "404 Not Found", "500 Internal Server Error"})
    void onlyOkIsAPolicyAndRedirectsAreNotFollowed(String status) {
        assertThat(failure("HTTP/1.1 " + status + "\r\nLocation: https://elsewhere.test/\r\nContent-Type: text/plain\r\n"
                + "Content-Length: 0\r\n\r\n", 1000)).isEqualTo(TlsResultType.STS_POLICY_FETCH_ERROR);
    }

    @Test
    void anotherMediaTypeIsAnInvalidPolicy() {
        assertThat(failure("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + POLICY, 1000))
                .isEqualTo(TlsResultType.STS_POLICY_INVALID);
        assertThat(failure("HTTP/1.1 200 OK\r\n\r\n" + POLICY, 1000)).isEqualTo(TlsResultType.STS_POLICY_INVALID);
    }

    @Test
    void theSizeLimitHoldsHoweverTheBodyComes() {
        String big = "x".repeat(101);
        assertThat(failure("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 101\r\n\r\n" + big, 100))
                .isEqualTo(TlsResultType.STS_POLICY_FETCH_ERROR);
        assertThat(failure("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "50\r\n" + big.substring(0, 80) + "\r\n50\r\n" + big.substring(0, 80) + "\r\n0\r\n\r\n", 100))
                .isEqualTo(TlsResultType.STS_POLICY_FETCH_ERROR);
        assertThat(failure("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n" + big, 100))
                .isEqualTo(TlsResultType.STS_POLICY_FETCH_ERROR);
        assertThat(failure("HTTP/1.1 200 OK\r\nX-Long: " + "h".repeat(40_000) + "\r\n\r\n", 100))
                .isEqualTo(TlsResultType.STS_POLICY_FETCH_ERROR);
    }

    @Test
    void truncatedOrGarbledResponsesAreFetchErrors() {
        assertThat(failure("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 500\r\n\r\n" + POLICY, 1000))
                .isEqualTo(TlsResultType.STS_POLICY_FETCH_ERROR);
        assertThat(failure("SSH-2.0-OpenSSH\r\n", 1000)).isEqualTo(TlsResultType.STS_POLICY_FETCH_ERROR);
        assertThat(failure("HTTP/1.1 200 OK\r\nContent-Type", 1000)).isEqualTo(TlsResultType.STS_POLICY_FETCH_ERROR);
        assertThatThrownBy(() -> read("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "zz\r\n", 1000)).isInstanceOf(PolicyFetchException.class);
    }
}
