package io.mailplatform.store.srs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailplatform.core.address.Domain;
import io.mailplatform.core.address.MailboxAddress;
import io.mailplatform.core.srs.SrsCodec;
import io.mailplatform.core.srs.SrsReversal;
import io.mailplatform.store.secret.SecretCipher;
import io.mailplatform.store.secret.SecretsProperties;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Every instance must sign and verify SRS addresses alike: the secrets come from {@code mail.srs.secrets},
 * or from {@code mail.store.secrets.key}; bad settings stop the start with their reason.
 */
class SrsConfigurationTest {
    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final MailboxAddress SENDER = new MailboxAddress("alice", new Domain("example.org"));
    private static final Domain US = new Domain("example.test");

    private static SrsProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("mail.srs", SrsProperties.class);
    }

    private static SrsCodec codec(SrsProperties properties, String key) {
        SecretsProperties keys = new SecretsProperties(key, false);
        return new SrsConfiguration().srsCodec(properties, keys, new SecretCipher(keys));
    }

    private static boolean verifies(SrsCodec verifier, SrsCodec signer) {
        MailboxAddress srs = signer.forward(SENDER, US).orElseThrow();
        return verifier.reverse(srs).equals(new SrsReversal.Reversed(SENDER));
    }

    @Test
    void instancesWithTheSameStoreKeyAgreeAndOthersDoNot() {
        SrsProperties defaults = bind(Map.of());
        SrsCodec one = codec(defaults, KEY);
        assertThat(verifies(codec(defaults, KEY), one)).isTrue();
        String otherKey = Base64.getEncoder().encodeToString("sixteen bytes ok".getBytes(StandardCharsets.US_ASCII));
        assertThat(verifies(codec(defaults, otherKey), one)).isFalse();
        // without any key each process has its own
        assertThat(verifies(codec(defaults, null), codec(defaults, null))).isFalse();
    }

    @Test
    void configuredSecretsWinAndRotate() {
        SrsCodec old = codec(bind(Map.of("mail.srs.secrets", "old-secret")), KEY);
        SrsCodec rotated = codec(bind(Map.of("mail.srs.secrets", "new-secret,old-secret")), null);
        assertThat(verifies(rotated, old)).isTrue();
        assertThat(verifies(old, rotated)).isFalse();
        assertThat(verifies(codec(bind(Map.of()), KEY), old)).isFalse();
        // the secret of a postsrsd installation: its addresses stay valid here
        SrsCodec postsrsd = new SrsCodec(List.of("old-secret".getBytes(StandardCharsets.UTF_8)), 21, Clock.systemUTC());
        assertThat(verifies(rotated, postsrsd)).isTrue();
    }

    @Test
    void defaultsAndChecks() {
        SrsProperties defaults = bind(Map.of());
        assertThat(defaults.enabled()).isTrue();
        assertThat(defaults.domain()).isNull();
        assertThat(defaults.secrets()).isEmpty();
        assertThat(defaults.maxAge()).isEqualTo(Duration.ofDays(21));
        SrsProperties set = bind(Map.of("mail.srs.domain", " Example.TEST ", "mail.srs.max-age", "7d",
                "mail.srs.secrets[0]", "s3cret"));
        assertThat(set.srsDomain()).isEqualTo(US);
        assertThat(set.toString()).doesNotContain("s3cret");
        Map<Map<String, String>, String> bad = Map.of(
                Map.of("mail.srs.domain", "[192.0.2.1]"), "mail.srs.domain must be a domain name",
                Map.of("mail.srs.domain", "no_domain"), "mail.srs.domain is not a domain name",
                Map.of("mail.srs.secrets", "a, ,b"), "must not contain an empty secret",
                Map.of("mail.srs.max-age", "12h"), "mail.srs.max-age must be 1 to 1000 days",
                Map.of("mail.srs.max-age", "1001d"), "mail.srs.max-age must be 1 to 1000 days");
        bad.forEach((settings, reason) -> assertThatThrownBy(() -> bind(settings)).as(settings.toString())
                .hasStackTraceContaining(reason));
    }
}
