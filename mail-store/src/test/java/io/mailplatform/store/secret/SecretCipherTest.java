package io.mailplatform.store.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretCipherTest {
    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final byte[] AAD = "apop-secret:1".getBytes(StandardCharsets.US_ASCII);

    private final SecretCipher cipher = new SecretCipher(new SecretsProperties(KEY, true));

    @Test
    void roundTripsWithAFreshNonceEachTime() throws Exception {
        byte[] secret = "tanstaaf".getBytes(StandardCharsets.UTF_8);
        byte[] first = cipher.encrypt(secret, AAD);
        byte[] second = cipher.encrypt(secret, AAD);
        assertThat(first).isNotEqualTo(second);
        assertThat(new String(first, StandardCharsets.ISO_8859_1)).doesNotContain("tanstaaf");
        assertThat(cipher.decrypt(first, AAD)).isEqualTo(secret);
        assertThat(cipher.decrypt(second, AAD)).isEqualTo(secret);
    }

    @Test
    void refusesAlteredValuesOtherRowsAndOtherKeys() {
        byte[] sealed = cipher.encrypt("tanstaaf".getBytes(StandardCharsets.UTF_8), AAD);
        byte[] altered = sealed.clone();
        altered[altered.length - 1] ^= 1;
        assertThatThrownBy(() -> cipher.decrypt(altered, AAD)).isInstanceOf(SecretUnreadableException.class);
        assertThatThrownBy(() -> cipher.decrypt(sealed, "apop-secret:2".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(SecretUnreadableException.class);
        SecretCipher other = new SecretCipher(new SecretsProperties(null, false));
        assertThatThrownBy(() -> other.decrypt(sealed, AAD)).isInstanceOf(SecretUnreadableException.class);
        assertThatThrownBy(() -> cipher.decrypt(new byte[3], AAD)).isInstanceOf(SecretUnreadableException.class);
    }

    @Test
    void aMissingKeyFailsWhenRequiredAndABadKeyAlways() {
        assertThatThrownBy(() -> new SecretCipher(new SecretsProperties("", true)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("required");
        assertThatThrownBy(() -> new SecretCipher(new SecretsProperties("not base64!", false)))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new SecretCipher(new SecretsProperties(Base64.getEncoder().encodeToString(new byte[10]),
                false))).isInstanceOf(IllegalStateException.class).hasMessageContaining("16, 24 or 32");
    }

    @Test
    void derivedKeysDependOnTheKeyAndTheLabelOnly() {
        byte[] derived = cipher.derive("mail.srs.secret");
        assertThat(derived).hasSize(32).isNotEqualTo(new byte[32]);
        assertThat(new SecretCipher(new SecretsProperties(KEY, false)).derive("mail.srs.secret")).isEqualTo(derived);
        assertThat(cipher.derive("another purpose")).isNotEqualTo(derived);
        String otherKey = Base64.getEncoder().encodeToString("another key of 32 bytes, exactly".getBytes(StandardCharsets.US_ASCII));
        assertThat(new SecretCipher(new SecretsProperties(otherKey, false)).derive("mail.srs.secret")).isNotEqualTo(derived);
        assertThat(new SecretCipher(new SecretsProperties(null, false)).derive("mail.srs.secret")).isNotEqualTo(derived);
    }

    @Test
    void theKeyNeverAppearsInToString() {
        assertThat(new SecretsProperties(KEY, true).toString()).doesNotContain(KEY).contains("***");
    }
}
