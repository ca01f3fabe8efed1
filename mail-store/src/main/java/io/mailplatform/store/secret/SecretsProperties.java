package io.mailplatform.store.secret;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The key that encrypts secrets the platform must be able to read back, such as APOP secrets
 * ({@code mail.store.secrets.*}).
 *
 * @param key the AES key, base64 of 16, 24 or 32 random bytes (e.g. {@code openssl rand -base64 32});
 *        every instance must have the same one. When unset, a random key is generated at start and a
 *        warning logged: secrets stored then are unreadable after a restart or by another instance
 *        (default: unset)
 * @param requireKey refuse to start without {@link #key}; set it in production (default false)
 */
@ConfigurationProperties("mail.store.secrets")
public record SecretsProperties(String key, @DefaultValue("false") boolean requireKey) {
    @Override
    public String toString() {
        return "SecretsProperties[key=" + (key == null || key.isBlank() ? "unset" : "***") + ", requireKey=" + requireKey
                + "]";
    }
}
