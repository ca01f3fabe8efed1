package io.mailplatform.store.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.core.auth.LoginAttempt;
import io.mailplatform.core.auth.LoginThrottle;
import io.mailplatform.store.StoreTestApplication;
import io.mailplatform.store.config.StoreProperties;
import io.mailplatform.testsupport.GatedPasswordEncoder;
import io.mailplatform.testsupport.RealInfrastructure;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Password checks: one hash check per attempt whether or not the account exists, one key per account
 * however it is spelt, and one check for a burst of identical logins.
 */
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

    /** Held at the gate, or waiting for another thread's check of the same credentials. */
    private static boolean blocked(Thread thread) {
        return Arrays.stream(thread.getStackTrace()).anyMatch(frame -> frame.getClassName().equals(CompletableFuture.class.getName())
                || frame.getClassName().equals(GatedPasswordEncoder.class.getName()));
    }

    @Test
    void simultaneousLoginsWithTheSameCredentialsShareOneCheckAndAreNotRefused() throws Exception {
        directory.createAccount("burst@timing.test", GatedPasswordEncoder.GATED + "right");
        GatedPasswordEncoder encoder = new GatedPasswordEncoder(passwords);
        Authenticator authenticator = new Authenticator(directory, encoder, properties,
                new LoginThrottle(LoginThrottle.Policy.DEFAULTS.withMaxConcurrent(1, 1)));
        InetAddress client = InetAddress.getByName("192.0.2.2");
        List<Thread> threads = new CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(10, task -> {
            Thread thread = new Thread(task);
            threads.add(thread);
            return thread;
        });
        try {
            List<Future<LoginAttempt<Account>>> logins = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                logins.add(pool.submit(() -> authenticator.login("burst@timing.test", GatedPasswordEncoder.GATED + "right",
                        client)));
            }
            encoder.awaitHeld(1);
            // one check is held at the gate; the nine others wait for its answer instead of being refused
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!(threads.size() == 10 && threads.stream().allMatch(AuthenticatorTest::blocked))
                    && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            encoder.open();
            for (Future<LoginAttempt<Account>> login : logins) {
                assertThat(login.get(30, TimeUnit.SECONDS)).isInstanceOf(LoginAttempt.Accepted.class);
            }
            assertThat(encoder.checks()).as("one hash for the burst").isEqualTo(1);
        } finally {
            encoder.open();
            pool.shutdownNow();
        }
    }
}
