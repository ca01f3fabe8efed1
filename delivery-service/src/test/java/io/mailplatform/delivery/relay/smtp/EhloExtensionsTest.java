package io.mailplatform.delivery.relay.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EhloExtensionsTest {

    private static EhloExtensions parse(String... keywordLines) {
        List<String> lines = new ArrayList<>(List.of("mx.example.org hello"));
        lines.addAll(List.of(keywordLines));
        return EhloExtensions.parse(new SmtpReply(250, null, lines));
    }

    @Test
    void keywordsAreCaseInsensitiveAndKeepTheirParameters() {
        EhloExtensions extensions = parse("pipelining", "SIZE 35882577", "Auth plain LOGIN", "8BITMIME", "DSN");
        assertThat(extensions.supports(EhloExtensions.PIPELINING)).isTrue();
        assertThat(extensions.sizeLimit()).isEqualTo(35_882_577L);
        assertThat(extensions.authMechanisms()).containsExactlyInAnyOrder("PLAIN", "LOGIN");
        assertThat(extensions.supports(EhloExtensions.STARTTLS)).isFalse();
        assertThat(extensions.keywords().keySet()).containsExactly("PIPELINING", "SIZE", "AUTH", "8BITMIME", "DSN");
    }

    @Test
    void theFirstLineIsTheServerNotAKeyword() {
        assertThat(EhloExtensions.parse(new SmtpReply(250, null, List.of("STARTTLS"))).supports("STARTTLS")).isFalse();
    }

    @Test
    void oddLinesAreIgnoredNotFatal() {
        EhloExtensions extensions = parse("AUTH=LOGIN PLAIN", "", "   ", "-BAD", "X-EXT  a   b", "SIZE");
        assertThat(extensions.keywords().keySet()).containsExactly("X-EXT", "SIZE");
        assertThat(extensions.keywords().get("X-EXT")).containsExactly("a", "b");
        assertThat(extensions.authMechanisms()).isEmpty();
    }

    @Test
    void aSizeWithoutANumberMeansNoLimit() {
        assertThat(parse("SIZE").sizeLimit()).isZero();
        assertThat(parse("SIZE 0").sizeLimit()).isZero();
        assertThat(parse("SIZE lots").sizeLimit()).isZero();
        assertThat(parse("SIZE 99999999999999999999999").sizeLimit()).isZero();
        assertThat(EhloExtensions.NONE.sizeLimit()).isZero();
    }
}
