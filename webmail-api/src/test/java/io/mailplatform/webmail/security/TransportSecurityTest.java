package io.mailplatform.webmail.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailplatform.webmail.config.HttpProperties;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * Which requests count as protected, by the address of the peer and the forwarding header, with the
 * defaults (loopback trusted) and the proxies 10.0.0.0/8 and 2001:db8::/32 trusted. Addresses other
 * than loopback cannot be reached in a test over sockets; {@link PlainHttpTest} covers the same
 * decisions end to end.
 */
class TransportSecurityTest {
    private final TransportSecurity transport = new TransportSecurity(
            new HttpProperties(true, "mail", "api.example.test", true, List.of("10.0.0.0/8", "2001:db8::/32")));

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(nullValues = "none", textBlock = """
            false, 203.0.113.5,  none,  false
            false, 203.0.113.5,  https, false
            false, 192.168.1.9,  https, false
            true,  203.0.113.5,  none,  true
            true,  203.0.113.5,  http,  true
            false, 127.0.0.1,    none,  true
            false, 127.0.0.1,    https, true
            false, 127.0.0.1,    http,  false
            false, 0:0:0:0:0:0:0:1, none, true
            false, 10.1.2.3,     https, true
            false, 10.1.2.3,     none,  false
            false, 10.1.2.3,     http,  false
            false, 2001:db8:0:0:0:0:0:7, https, true
            false, 2001:db9:0:0:0:0:0:7, https, false
            """)
    void decides(boolean tls, String peer, String forwardedProto, boolean expected) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/mailboxes");
        request.setSecure(tls);
        request.setRemoteAddr(peer);
        if (forwardedProto != null) {
            request.addHeader(TransportSecurity.FORWARDED_PROTO, forwardedProto);
        }
        assertThat(transport.isProtected(request)).isEqualTo(expected);
    }

    @Test
    void loopbackIsNotTrustedWhenTurnedOff() {
        TransportSecurity strict = new TransportSecurity(new HttpProperties(true, "mail", "h", false, List.of()));
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr("127.0.0.1");
        assertThat(strict.isProtected(request)).isFalse();
    }

    @Test
    void anInvalidTrustedProxyStopsTheStart() {
        assertThatThrownBy(() -> new TransportSecurity(new HttpProperties(true, "mail", "h", true, List.of("10.0.0.0/99"))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
