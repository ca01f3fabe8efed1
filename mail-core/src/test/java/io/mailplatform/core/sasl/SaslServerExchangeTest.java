package io.mailplatform.core.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailplatform.core.sasl.SaslServerExchange.Challenge;
import io.mailplatform.core.sasl.SaslServerExchange.Done;
import io.mailplatform.core.sasl.SaslServerExchange.Mechanism;
import org.junit.jupiter.api.Test;

class SaslServerExchangeTest {

    @Test
    void plainWithInitialResponseCompletesAtOnce() throws SaslException {
        SaslServerExchange exchange = SaslServerExchange.of(Mechanism.PLAIN);
        assertThat(exchange.begin(SaslPlain.encode("alice@example.test", "pw")))
                .isEqualTo(new Done(new Credentials("", "alice@example.test", "pw")));
    }

    @Test
    void plainWithoutInitialResponseSendsAnEmptyChallenge() throws SaslException {
        SaslServerExchange exchange = SaslServerExchange.of(Mechanism.PLAIN);
        assertThat(exchange.begin(null)).isEqualTo(new Challenge(""));
        assertThat(exchange.respond(SaslPlain.encode("alice@example.test", "pw")))
                .isEqualTo(new Done(new Credentials("", "alice@example.test", "pw")));
    }

    @Test
    void loginAsksForUserNameThenPassword() throws SaslException {
        SaslServerExchange exchange = SaslServerExchange.of(Mechanism.LOGIN);
        assertThat(exchange.begin(null)).isEqualTo(new Challenge("VXNlcm5hbWU6"));
        assertThat(exchange.respond(SaslBase64.encode("alice@example.test"))).isEqualTo(new Challenge("UGFzc3dvcmQ6"));
        assertThat(exchange.respond(SaslBase64.encode("pass word")))
                .isEqualTo(new Done(new Credentials("", "alice@example.test", "pass word")));
    }

    @Test
    void loginTakesTheUserNameAsInitialResponse() throws SaslException {
        SaslServerExchange exchange = SaslServerExchange.of(Mechanism.LOGIN);
        assertThat(exchange.begin(SaslBase64.encode("alice@example.test"))).isEqualTo(new Challenge("UGFzc3dvcmQ6"));
        assertThat(exchange.respond("=")).isEqualTo(new Done(new Credentials("", "alice@example.test", "")));
    }

    @Test
    void malformedResponsesAreSaslExceptions() {
        assertThatThrownBy(() -> SaslServerExchange.of(Mechanism.PLAIN).begin("not base64!"))
                .isInstanceOf(SaslException.class);
        assertThatThrownBy(() -> SaslServerExchange.of(Mechanism.PLAIN).begin("="))
                .isInstanceOf(SaslException.class);
        assertThatThrownBy(() -> SaslServerExchange.of(Mechanism.LOGIN).begin("="))
                .isInstanceOf(SaslException.class);
    }

    @Test
    void mechanismsAreNamedCaseInsensitively() {
        assertThat(Mechanism.named("plain")).contains(Mechanism.PLAIN);
        assertThat(Mechanism.named("Login")).contains(Mechanism.LOGIN);
        assertThat(Mechanism.named("CRAM-MD5")).isEmpty();
    }
}
