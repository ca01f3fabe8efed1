package io.mailplatform.store.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.store.StoreTestApplication;
import io.mailplatform.store.directory.Account;
import io.mailplatform.store.directory.DirectoryService;
import io.mailplatform.testsupport.RealInfrastructure;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Two lock instances on one database stand for two POP3 instances. */
@SpringBootTest(classes = StoreTestApplication.class)
@RealInfrastructure(kafka = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MaildropLockTest {
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DirectoryService directory;

    long account;
    long other;
    MaildropLock first;
    MaildropLock second;

    @BeforeAll
    void accounts() throws Exception {
        directory.createDomain("example.test");
        Account a = directory.createAccount("lock@example.test", "pw");
        Account b = directory.createAccount("lock2@example.test", "pw");
        account = a.id();
        other = b.id();
    }

    @AfterEach
    void closeLocks() {
        for (MaildropLock lock : new MaildropLock[] {first, second}) {
            if (lock != null) {
                lock.close();
            }
        }
        jdbc.sql("DELETE FROM maildrop_locks").update();
    }

    @Test
    void aSecondInstanceIsRefusedUntilTheFirstReleases() throws Exception {
        first = new MaildropLock(jdbc, Duration.ofMinutes(2), Duration.ofSeconds(30));
        second = new MaildropLock(jdbc, Duration.ofMinutes(2), Duration.ofSeconds(30));
        MaildropLock.Acquisition taken = first.acquire(account, Duration.ZERO);
        assertThat(taken).isInstanceOf(MaildropLock.Acquired.class);
        assertThat(second.acquire(account, Duration.ZERO)).isInstanceOf(MaildropLock.InUse.class);
        assertThat(first.acquire(account, Duration.ZERO)).as("the same instance, another session")
                .isInstanceOf(MaildropLock.InUse.class);
        assertThat(second.acquire(other, Duration.ZERO)).as("another maildrop").isInstanceOf(MaildropLock.Acquired.class);

        ((MaildropLock.Acquired) taken).lease().releaseLater();
        awaitReleased(first);
        assertThat(second.acquire(account, Duration.ZERO)).isInstanceOf(MaildropLock.Acquired.class);
    }

    @Test
    void theHeartbeatKeepsALeaseAliveBeyondItsLength() throws Exception {
        first = new MaildropLock(jdbc, Duration.ofMillis(800), Duration.ofMillis(150));
        second = new MaildropLock(jdbc, Duration.ofMinutes(2), Duration.ofSeconds(30));
        assertThat(first.acquire(account, Duration.ZERO)).isInstanceOf(MaildropLock.Acquired.class);
        Thread.sleep(2_000);
        assertThat(second.acquire(account, Duration.ZERO)).isInstanceOf(MaildropLock.InUse.class);
    }

    @Test
    void aCrashedHolderLosesTheLockWhenItsLeaseLapses() throws Exception {
        first = new MaildropLock(jdbc, Duration.ofMillis(700), Duration.ofMillis(200));
        second = new MaildropLock(jdbc, Duration.ofMinutes(2), Duration.ofSeconds(30));
        MaildropLock.Lease crashed = ((MaildropLock.Acquired) first.acquire(account, Duration.ZERO)).lease();
        first.halt();
        assertThat(second.acquire(account, Duration.ZERO)).isInstanceOf(MaildropLock.InUse.class);
        Thread.sleep(1_000);
        assertThat(second.acquire(account, Duration.ZERO)).isInstanceOf(MaildropLock.Acquired.class);
        assertThat(crashed.renew()).as("the old holder finds out before acting").isFalse();
        assertThat(crashed.isLost()).isTrue();
    }

    @Test
    void aHeartbeatThatComesLateDoesNotReviveAReleasedLease() {
        first = new MaildropLock(jdbc, Duration.ofMinutes(2), Duration.ofSeconds(30));
        second = new MaildropLock(jdbc, Duration.ofMinutes(2), Duration.ofSeconds(30));
        MaildropLock.Lease lease = ((MaildropLock.Acquired) first.acquire(account, Duration.ZERO)).lease();
        String owner = jdbc.sql("SELECT owner FROM maildrop_locks WHERE account_id = ?").param(account)
                .query(String.class).single();
        lease.release();
        // what a heartbeat that read the owner just before the release would do next
        int renewed = jdbc.sql("UPDATE maildrop_locks SET expires_at = now() + interval '2 minutes' WHERE owner = ANY(?)")
                .param(new String[] {owner}).update();
        assertThat(renewed).isZero();
        assertThat(second.acquire(account, Duration.ZERO)).isInstanceOf(MaildropLock.Acquired.class);
    }

    @Test
    void renewalConfirmsAHeldLease() {
        first = new MaildropLock(jdbc, Duration.ofMinutes(2), Duration.ofSeconds(30));
        MaildropLock.Lease lease = ((MaildropLock.Acquired) first.acquire(account, Duration.ZERO)).lease();
        assertThat(lease.renew()).isTrue();
        lease.release();
        assertThat(lease.renew()).isFalse();
    }

    @Test
    void aLoginDelayRefusesEarlyLoginsWithItsOwnAnswer() throws Exception {
        first = new MaildropLock(jdbc, Duration.ofMinutes(2), Duration.ofSeconds(30));
        MaildropLock.Lease lease = ((MaildropLock.Acquired) first.acquire(account, Duration.ofHours(1))).lease();
        lease.release();
        awaitReleased(first);
        assertThat(first.acquire(account, Duration.ofHours(1))).isInstanceOf(MaildropLock.TooSoon.class);
        // the database's clock must have moved past the delay: a fast machine gets here within a millisecond
        Thread.sleep(20);
        assertThat(first.acquire(account, Duration.ofMillis(10))).isInstanceOf(MaildropLock.Acquired.class);
    }

    @Test
    void closingAnInstanceReleasesItsLeases() {
        first = new MaildropLock(jdbc, Duration.ofMinutes(2), Duration.ofSeconds(30));
        second = new MaildropLock(jdbc, Duration.ofMinutes(2), Duration.ofSeconds(30));
        first.acquire(account, Duration.ZERO);
        first.close();
        assertThat(second.acquire(account, Duration.ZERO)).isInstanceOf(MaildropLock.Acquired.class);
    }

    private static void awaitReleased(MaildropLock lock) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (lock.held() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(lock.held()).isZero();
    }
}
