package io.mailplatform.core.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SaslPlainTest {

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void decodesWithAndWithoutAuthzid() throws SaslException {
        assertThat(SaslPlain.decode(b64("\0alice@example.test\0sécret")))
                .isEqualTo(new Credentials("", "alice@example.test", "sécret"));
        assertThat(SaslPlain.decode(b64("admin\0alice@example.test\0pw")).authorizationId()).isEqualTo("admin");
        assertThat(SaslPlain.decode(SaslPlain.encode("u@x.test", "p")).username()).isEqualTo("u@x.test");
    }

    @Test
    void rejectsMalformedMessages() {
        assertThatThrownBy(() -> SaslPlain.decode("!!!")).isInstanceOf(SaslException.class);
        assertThatThrownBy(() -> SaslPlain.decode(b64("alice"))).isInstanceOf(SaslException.class);
        assertThatThrownBy(() -> SaslPlain.decode(b64("\0\0pw"))).isInstanceOf(SaslException.class);
        assertThatThrownBy(() -> SaslPlain.decode(b64("a\0b\0c\0d"))).isInstanceOf(SaslException.class);
    }

    @Test
    void credentialsNeverPrintThePassword() {
        assertThat(new Credentials("", "u", "hunter2").toString()).doesNotContain("hunter2");
    }
}
