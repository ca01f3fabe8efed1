package io.mailplatform.store.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.core.auth.LoginAttempt;
import io.mailplatform.core.auth.LoginThrottle;
import io.mailplatform.store.StoreTestApplication;
import io.mailplatform.store.config.StoreProperties;
import io.mailplatform.testsupport.GatedPasswordEncoder;
import io.mailplatform.testsupport.RealInfrastructure;
import java.net.InetAddress;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Password checks: one hash check per attempt whether or not the account exists, and one key per account. */
@SpringBootTest(classes = StoreTestApplication.class)
@RealInfrastructure(kafka = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthenticatorTest {
    @Autowired
    DirectoryService directory;
    @Autowired
    DirectoryAdmin admin;
    @Autowired
    PasswordEncoder passwords;
    @Autowired
    StoreProperties properties;

    @BeforeAll
    void accounts() throws Exception {
        directory.createDomain("timing.test");
        directory.createAccount("known@timing.test", "right");
        directory.createAccount("off@timing.test", "right");
        admin.setEnabled("off@timing.test", false);
    }

    private Authenticator authenticator(GatedPasswordEncoder encoder) {
        return new Authenticator(directory, encoder, properties, new LoginThrottle(LoginThrottle.Policy.DEFAULTS));
    }

    @Test
    void unknownAndDisabledAccountsAreCheckedAgainstADummyHash() throws Exception {
        GatedPasswordEncoder encoder = new GatedPasswordEncoder(passwords);
        Authenticator authenticator = authenticator(encoder);
        InetAddress client = InetAddress.getByName("192.0.2.1");
        for (String name : new String[] {"known@timing.test", "nobody@timing.test", "off@timing.test", "not an address"}) {
            int before = encoder.checks();
            LoginAttempt<Account> attempt = authenticator.login(name, "wrong", client);
            assertThat(attempt).as(name).isInstanceOf(LoginAttempt.Rejected.class);
            assertThat(encoder.checks() - before).as(name + ": one hash check").isEqualTo(1);
        }
        assertThat(authenticator.login("off@timing.test", "right", client).accepted()).as("disabled").isEmpty();
    }

    @Test
    void aRememberedLoginIsForgottenUnderEverySpelling() throws Exception {
        directory.createAccount("cached@timing.test", "old password");
        Authenticator authenticator = authenticator(new GatedPasswordEncoder(passwords));
        assertThat(authenticator.authenticate("\"cached\"@timing.test", "old password")).isPresent();
        directory.changePassword("cached@timing.test", "new password");
        authenticator.forget("CACHED@timing.test");
        assertThat(authenticator.authenticate("\"cached\"@timing.test", "old password")).isEmpty();
        assertThat(authenticator.authenticate("cached@timing\uFF0Etest", "new password")).isPresent();
    }
}
