package io.mailplatform.store.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailplatform.core.auth.ApopDigest;
import io.mailplatform.core.auth.LoginAttempt;
import io.mailplatform.core.auth.LoginThrottle;
import io.mailplatform.store.StoreTestApplication;
import io.mailplatform.store.secret.SecretCipher;
import io.mailplatform.store.secret.SecretsProperties;
import io.mailplatform.testsupport.RealInfrastructure;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest(classes = StoreTestApplication.class)
@RealInfrastructure(kafka = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApopSecretsTest {
    private static final String TIMESTAMP = "<1896.697170952@dbc.mtview.ca.us>";
    private static final String RFC_DIGEST = "c4c9334bac560ecc979e58001b3e22fb";

    @Autowired
    DirectoryService directory;
    @Autowired
    ApopSecrets secrets;
    @Autowired
    ApopAuthenticator apop;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    LoginThrottle throttle;

    InetAddress client;

    @BeforeAll
    void accounts() throws Exception {
        directory.createDomain("example.test");
        directory.createAccount("mrose@example.test", "login-password");
        directory.createAccount("nosecret@example.test", "login-password");
        client = InetAddress.getByName("192.0.2.7");
    }

    @Test
    void theRfc1939ExampleLogsIn() {
        assertThat(secrets.set("mrose@example.test", "tanstaaf")).isTrue();
        LoginAttempt<Account> attempt = apop.login("MRose@Example.Test", TIMESTAMP, RFC_DIGEST, client);
        assertThat(attempt.accepted()).hasValueSatisfying(a -> assertThat(a.address()).isEqualTo("mrose@example.test"));
        assertThat(apop.login("mrose@example.test", TIMESTAMP, RFC_DIGEST.toUpperCase(), client).accepted()).isPresent();
    }

    @Test
    void theSecretIsStoredEncryptedNeverAsTheSecretOrThePassword() {
        secrets.set("mrose@example.test", "tanstaaf");
        byte[] stored = jdbc.sql("SELECT apop_secret FROM accounts WHERE address = 'mrose@example.test'")
                .query((rs, n) -> rs.getBytes(1)).single();
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("tanstaaf");
        assertThat(stored.length).isGreaterThan("tanstaaf".length() + 12);
    }

    @Test
    void wrongDigestsMissingSecretsAndUnknownAccountsAreRefused() {
        secrets.set("mrose@example.test", "tanstaaf");
        assertThat(apop.login("mrose@example.test", TIMESTAMP, ApopDigest.compute(TIMESTAMP, "wrong-one"), client)
                .accepted()).isEmpty();
        assertThat(apop.login("mrose@example.test", "<1.2@other>", RFC_DIGEST, client).accepted()).isEmpty();
        assertThat(apop.login("nosecret@example.test", TIMESTAMP, ApopDigest.compute(TIMESTAMP, "login-password"), client)
                .accepted()).isEmpty();
        assertThat(apop.login("nobody@example.test", TIMESTAMP, RFC_DIGEST, client).accepted()).isEmpty();
        assertThat(apop.login("mrose@example.test", TIMESTAMP, "not-hex", client).accepted()).isEmpty();
    }

    @Test
    void clearingTheSecretRefusesApop() {
        secrets.set("mrose@example.test", "tanstaaf");
        assertThat(secrets.clear("mrose@example.test")).isTrue();
        assertThat(apop.login("mrose@example.test", TIMESTAMP, RFC_DIGEST, client).accepted()).isEmpty();
        assertThat(secrets.clear("nobody@example.test")).isFalse();
        assertThat(secrets.set("nobody@example.test", "tanstaaf")).isFalse();
    }

    @Test
    void aSecretEncryptedUnderAnotherKeyIsRefusedNotFatal() {
        secrets.set("mrose@example.test", "tanstaaf");
        ApopSecrets otherKey = new ApopSecrets(jdbc, directory, new SecretCipher(new SecretsProperties(null, false)));
        ApopAuthenticator otherApop = new ApopAuthenticator(directory, otherKey, throttle);
        assertThat(otherApop.login("mrose@example.test", TIMESTAMP, RFC_DIGEST, client).accepted()).isEmpty();
    }

    @Test
    void secretsMustBeReasonable() {
        assertThatThrownBy(() -> secrets.set("mrose@example.test", "short")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> secrets.set("mrose@example.test", "x".repeat(257)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> secrets.set("mrose@example.test", "tab\tinside"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> secrets.set("mrose@example.test", null)).isInstanceOf(IllegalArgumentException.class);
    }
}
