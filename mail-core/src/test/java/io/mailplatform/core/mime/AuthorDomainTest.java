package io.mailplatform.core.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuthorDomainTest {
    private static Optional<String> of(String header) {
        return AuthorDomain.of((header + "\r\nSubject: x\r\n\r\nbody\r\n").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theDomainOfTheOneFromMailbox() {
        assertThat(of("From: \"Ann, Sales\" <Ann@Example.ORG>")).contains("example.org");
        assertThat(of("From: bob@example.net (Bob)")).contains("example.net");
        assertThat(of("From:\r\n =?UTF-8?Q?J=C3=B6rg?= <joerg@example.com>")).contains("example.com");
    }

    @Test
    void noAuthorWithoutExactlyOneMailbox() {
        assertThat(of("To: a@example.org")).isEmpty();
        assertThat(of("From: a@example.org, b@example.net")).isEmpty();
        assertThat(of("From: a@example.org\r\nFrom: b@example.net")).isEmpty();
        assertThat(of("From: undisclosed")).isEmpty();
    }
}
