package io.mailplatform.store.srs;

import io.mailplatform.core.srs.SrsCodec;
import io.mailplatform.store.secret.SecretCipher;
import io.mailplatform.store.secret.SecretsProperties;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * The one SRS codec of a service, with the secrets every instance shares: {@code mail.srs.secrets}
 * when set, else a key derived from {@code mail.store.secrets.key}. With neither, the key is the
 * random one generated for this process, and bounces to its addresses are refused by any other
 * instance or after a restart: loudly warned. Made when first needed (by the gateway and delivery),
 * so services that never handle SRS addresses do not warn about it.
 */
@Configuration(proxyBeanMethods = false)
public class SrsConfiguration {
    /** The label of the SRS key derived from {@code mail.store.secrets.key}. */
    static final String DERIVED_KEY_LABEL = "mail.srs.secrets";
    private static final Logger log = LoggerFactory.getLogger(SrsConfiguration.class);

    @Bean
    @Lazy
    public SrsCodec srsCodec(SrsProperties properties, SecretsProperties keys, SecretCipher cipher) {
        List<byte[]> secrets;
        if (!properties.secrets().isEmpty()) {
            secrets = properties.secrets().stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
        } else {
            if (keys.key() == null || keys.key().isBlank()) {
                log.warn("neither mail.srs.secrets nor mail.store.secrets.key is set: SRS addresses of forwarded mail are"
                        + " signed with a random key of this process, and bounces to them are refused after a restart and"
                        + " by every other instance; set mail.store.secrets.key (or mail.srs.secrets) in production");
            }
            secrets = List.of(cipher.derive(DERIVED_KEY_LABEL));
        }
        return new SrsCodec(secrets, (int) properties.maxAge().toDays(), Clock.systemUTC());
    }
}
