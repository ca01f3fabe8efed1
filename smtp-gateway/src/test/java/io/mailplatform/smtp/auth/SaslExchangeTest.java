package io.mailplatform.smtp.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailplatform.core.sasl.Credentials;
import io.mailplatform.core.sasl.SaslException;
import org.junit.jupiter.api.Test;

class SaslExchangeTest {

    @Test
    void plainWithAndWithoutInitialResponse() throws Exception {
        String message = "AGFsaWNlQGV4YW1wbGUudGVzdAB3b25kZXIgbGFuZA==";
        Credentials expected = new Credentials("", "alice@example.test", "wonder land");
        assertThat(SaslExchange.forMechanism("plain").start(message).credentials()).isEqualTo(expected);
        SaslExchange exchange = SaslExchange.forMechanism("PLAIN");
        SaslExchange.Step first = exchange.start(null);
        assertThat(first.isDone()).isFalse();
        assertThat(first.challenge()).isEmpty();
        assertThat(exchange.next(message).credentials()).isEqualTo(expected);
    }

    @Test
    void loginAsksForUserThenPassword() throws Exception {
        SaslExchange exchange = SaslExchange.forMechanism("LOGIN");
        assertThat(exchange.start(null).challenge()).isEqualTo("VXNlcm5hbWU6");
        assertThat(exchange.next("YWxpY2VAZXhhbXBsZS50ZXN0").challenge()).isEqualTo("UGFzc3dvcmQ6");
        assertThat(exchange.next("d29uZGVyIGxhbmQ=").credentials())
                .isEqualTo(new Credentials(null, "alice@example.test", "wonder land"));
    }

    @Test
    void badBase64AndUnknownMechanisms() {
        assertThatThrownBy(() -> SaslExchange.forMechanism("LOGIN").start("***")).isInstanceOf(SaslException.class);
        assertThatThrownBy(() -> SaslExchange.forMechanism("PLAIN").start("YWJj")).isInstanceOf(SaslException.class);
        assertThat(SaslExchange.forMechanism("CRAM-MD5")).isNull();
        assertThat(SaslExchange.isCancel("*")).isTrue();
    }
}
