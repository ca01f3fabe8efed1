package io.mailplatform.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.core.auth.ApopDigest;
import io.mailplatform.core.sasl.SaslPlain;
import io.mailplatform.pop3.server.Pop3Server;
import io.mailplatform.pop3.support.Pop3Client;
import io.mailplatform.pop3.support.Pop3Fixtures;
import io.mailplatform.pop3.support.Pop3ServerTest;
import io.mailplatform.store.directory.Account;
import io.mailplatform.store.directory.ApopSecrets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two POP3 instances on one database, each with its own maildrop lock instance (as two pods of a
 * deployment): a second session for a maildrop gets [IN-USE] whichever instance it reaches, by
 * every way of logging in, until the first session ends.
 */
class MaildropLockAcrossInstancesTest extends Pop3ServerTest {
    Pop3Server second;
    Account account;

    @BeforeAll
    void twoInstances() {
        second = fixtures.startServer(Pop3Fixtures.settings().hostname("pop2.example.test"));
        account = fixtures.account("shared@example.test", "pw");
        fixtures.deliver(account, Pop3Fixtures.message("rfc1939-message-1.eml"));
        fixtures.bean(ApopSecrets.class).set(account.address(), "apop-secret-1");
    }

    @Test
    void aSecondSessionOnAnyInstanceGetsInUse() throws Exception {
        try (Pop3Client holder = Pop3Client.tls(server.port("pop3s")).login(account.address(), "pw");
             Pop3Client other = Pop3Client.tls(second.port("pop3s"));
             Pop3Client same = Pop3Client.tls(server.port("pop3s"))) {
            other.command("USER " + account.address());
            assertThat(other.command("PASS pw")).isEqualTo("-ERR [IN-USE] Maildrop already locked by another session");
            assertThat(other.command("APOP " + account.address() + " " + ApopDigest.compute(other.timestamp(), "apop-secret-1")))
                    .isEqualTo("-ERR [IN-USE] Maildrop already locked by another session");
            assertThat(other.command("AUTH PLAIN " + SaslPlain.encode(account.address(), "pw")))
                    .isEqualTo("-ERR [IN-USE] Maildrop already locked by another session");
            same.command("USER " + account.address());
            assertThat(same.command("PASS pw")).as("the same instance").startsWith("-ERR [IN-USE]");

            assertThat(holder.command("STAT")).isEqualTo("+OK 1 120");
            assertThat(holder.command("QUIT")).startsWith("+OK");

            other.command("USER " + account.address());
            assertThat(other.command("PASS pw")).as("the session that was refused goes on and gets in now")
                    .isEqualTo("+OK shared@example.test's maildrop has 1 message (120 octets)");
            same.command("USER " + account.address());
            assertThat(same.command("PASS pw")).as("and now the first instance refuses").startsWith("-ERR [IN-USE]");
            assertThat(other.command("QUIT")).isEqualTo("+OK pop2.example.test POP3 server signing off (1 message left)");
        }
    }

    @Test
    void theLockOfADroppedSessionIsReleased() throws Exception {
        Pop3Client dropped = Pop3Client.tls(second.port("pop3s")).login(account.address(), "pw");
        dropped.close();
        long deadline = System.nanoTime() + 10_000_000_000L;
        String answer;
        do {
            try (Pop3Client client = Pop3Client.tls(server.port("pop3s"))) {
                client.command("USER " + account.address());
                answer = client.command("PASS pw");
                if (answer.startsWith("+OK")) {
                    client.command("QUIT");
                }
            }
        } while (!answer.startsWith("+OK") && System.nanoTime() < deadline);
        assertThat(answer).startsWith("+OK");
    }
}
