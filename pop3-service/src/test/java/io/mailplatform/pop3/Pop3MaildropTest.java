package io.mailplatform.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.pop3.maildrop.ReadAhead;
import io.mailplatform.pop3.server.Pop3Server;
import io.mailplatform.pop3.support.MailboxEventWatch;
import io.mailplatform.pop3.support.Pop3Client;
import io.mailplatform.pop3.support.Pop3Fixtures;
import io.mailplatform.pop3.support.Pop3ServerTest;
import io.mailplatform.store.directory.Account;
import io.mailplatform.store.event.MailboxEvent;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.store.mailbox.MessageMeta;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What happens to the maildrop: snapshot, marks, the UPDATE state, unique ids, big messages. */
class Pop3MaildropTest extends Pop3ServerTest {
    private Account accountWithTwoMessages(String name) {
        Account account = fixtures.account(name + "@example.test", "pw-" + name);
        fixtures.deliver(account, Pop3Fixtures.message("rfc1939-message-1.eml"));
        fixtures.deliver(account, Pop3Fixtures.message("rfc1939-message-2.eml"));
        return account;
    }

    private Pop3Client login(Account account) throws IOException {
        return Pop3Client.tls(server.port("pop3s")).login(account.address(), "pw-" + account.address().split("@")[0]);
    }

    private List<Long> uids(Account account) {
        return fixtures.mailboxes().messages(fixtures.inbox(account)).stream().map(MessageMeta::uid).toList();
    }

    /** Logs in again until the maildrop lock of a dropped session is released (asynchronously). */
    private Pop3Client loginWhenFree(Account account) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            Pop3Client client = Pop3Client.tls(server.port("pop3s"));
            client.command("USER " + account.address());
            String answer = client.command("PASS pw-" + account.address().split("@")[0]);
            if (answer.startsWith("+OK")) {
                return client;
            }
            client.close();
            assertThat(answer).startsWith("-ERR [IN-USE]");
            assertThat(System.nanoTime()).as("the lock of the dropped session is released").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @Test
    void aDroppedConnectionRemovesNothing() throws Exception {
        Account account = accountWithTwoMessages("dropped");
        try (Pop3Client client = login(account)) {
            assertThat(client.command("DELE 1")).isEqualTo("+OK message 1 deleted");
            assertThat(client.command("DELE 2")).isEqualTo("+OK message 2 deleted");
            assertThat(client.command("STAT")).isEqualTo("+OK 0 0");
        } // closed without QUIT
        try (Pop3Client again = loginWhenFree(account)) {
            assertThat(again.command("STAT")).isEqualTo("+OK 2 320");
        }
        assertThat(uids(account)).containsExactly(1L, 2L);
    }

    @Test
    void quitRemovesTheMarkedMessagesAndImapSessionsHearOfIt() throws Exception {
        Account account = accountWithTwoMessages("quitter");
        try (MailboxEventWatch events = new MailboxEventWatch(); Pop3Client client = login(account)) {
            assertThat(client.command("DELE 1")).startsWith("+OK");
            assertThat(uids(account)).as("DELE only marks").containsExactly(1L, 2L);
            assertThat(client.command("QUIT")).isEqualTo("+OK pop.example.test POP3 server signing off (1 message left)");
            assertThat(client.isClosedByServer()).isTrue();
            assertThat(uids(account)).containsExactly(2L);
            Optional<MailboxEvent> expunged = events.await(event -> event.accountId() == account.id()
                    && event.type() == MailboxEvent.Type.MESSAGES_EXPUNGED);
            assertThat(expunged).hasValueSatisfying(event -> {
                assertThat(event.mailboxName()).isEqualTo(Mailbox.INBOX);
                assertThat(event.uids()).containsExactly(1L);
            });
        }
    }

    @Test
    void theSnapshotIsFixedAtLoginAndNumbersStayStable() throws Exception {
        Account account = accountWithTwoMessages("snapshot");
        try (Pop3Client client = login(account)) {
            fixtures.deliver(account, Pop3Fixtures.message("dotted.eml"));
            assertThat(client.command("STAT")).as("new mail waits for the next session").isEqualTo("+OK 2 320");
            assertThat(client.command("RETR 3")).isEqualTo("-ERR no such message, only 2 messages in maildrop");
            // another client (IMAP) expunges message 1 meanwhile: the numbers stay, message 1 is gone
            fixtures.mailboxes().delete(fixtures.inbox(account), List.of(1L));
            client.send("LIST");
            assertThat(client.readLine()).isEqualTo("+OK 2 messages (320 octets)");
            assertThat(client.readMultiLine()).containsExactly("1 120", "2 200");
            assertThat(client.command("RETR 1")).isEqualTo("-ERR [SYS/PERM] Message 1 was removed by another session");
            Pop3Client.Retrieved second = client.retrieve(2);
            assertThat(second.status()).isEqualTo("+OK 200 octets");
            assertThat(second.body()).isEqualTo(Pop3Fixtures.message("rfc1939-message-2.eml"));
            assertThat(client.command("DELE 1")).as("marking a vanished message is harmless").startsWith("+OK");
            assertThat(client.command("QUIT")).isEqualTo("+OK pop.example.test POP3 server signing off (1 message left)");
        }
        try (Pop3Client next = login(account)) {
            assertThat(next.command("STAT")).isEqualTo("+OK 2 348");
            next.command("QUIT");
        }
    }

    @Test
    void aMessageReadAheadWithTheOneBeforeIsSentEvenIfExpungedMeanwhile() throws Exception {
        Account account = accountWithTwoMessages("read-ahead");
        try (Pop3Client client = login(account)) {
            assertThat(client.retrieve(1).status()).isEqualTo("+OK 120 octets");
            // message 2 came with message 1 (one query for both); the maildrop is the INBOX as it was at login
            fixtures.mailboxes().delete(fixtures.inbox(account), List.of(2L));
            Pop3Client.Retrieved second = client.retrieve(2);
            assertThat(second.status()).isEqualTo("+OK 200 octets");
            assertThat(second.body()).isEqualTo(Pop3Fixtures.message("rfc1939-message-2.eml"));
            // read ahead once only: asked again, the store is read, and the message is gone
            assertThat(client.command("RETR 2")).isEqualTo("-ERR [SYS/PERM] Message 2 was removed by another session");
            client.command("QUIT");
        }
    }

    /** A message of about 3 KB, some lines starting with a dot. */
    private static byte[] numbered(int n) {
        StringBuilder text = new StringBuilder("From: a@example.test\r\nSubject: message " + n + "\r\n\r\n");
        for (int line = 0; text.length() < 3000; line++) {
            text.append(line % 9 == 0 ? ".." : "").append("message ").append(n).append(" line ").append(line)
                    .append(" 0123456789abcdefghijklmnopqrstuvwxyz\r\n");
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private Account accountWithNumbered(String name, int count) {
        Account account = fixtures.account(name + "@example.test", "pw-" + name);
        for (int n = 1; n <= count; n++) {
            fixtures.deliver(account, numbered(n));
        }
        return account;
    }

    @Test
    void messagesAfterTheFirstWindowAreReadInTheBackgroundWhileTheClientRetrieves() throws Exception {
        int count = 100;
        Account account = accountWithNumbered("background", count);
        int firstWindow = Math.min(ReadAhead.MAX_MESSAGES, ReadAhead.MAX_OCTETS / numbered(1).length);
        try (Pop3Client client = login(account)) {
            for (int n = 1; n <= 20; n++) {
                assertThat(client.retrieve(n).body()).isEqualTo(numbered(n));
            }
            // by now a quarter of the budget was free again, so the messages after the first window are being read
            Thread.sleep(2000);
            List<Long> later = uids(account).subList(firstWindow, count);
            fixtures.mailboxes().delete(fixtures.inbox(account), later);
            for (int n = 21; n <= firstWindow + 1; n++) {
                Pop3Client.Retrieved message = client.retrieve(n);
                assertThat(message.status()).as("message %d", n).startsWith("+OK");
                assertThat(message.body()).isEqualTo(numbered(n));
            }
            assertThat(client.command("RETR " + count)).as("beyond what was read ahead, the store is read")
                    .isEqualTo("-ERR [SYS/PERM] Message " + count + " was removed by another session");
            client.command("QUIT");
        }
    }

    @Test
    void pipelinedRetrievalsWaitForTheBackgroundReadAndArriveInOrderByteExact() throws Exception {
        int count = 150;
        Account account = accountWithNumbered("pipelined-ahead", count);
        try (Pop3Client client = login(account)) {
            for (int round = 0; round < 2; round++) {
                StringBuilder commands = new StringBuilder();
                for (int n = 1; n <= count; n++) {
                    commands.append("RETR ").append(n).append("\r\n");
                    if (n % 37 == 0) {
                        commands.append("DELE ").append(n + 1).append("\r\nRSET\r\n");
                    }
                }
                client.write(commands.toString());
                for (int n = 1; n <= count; n++) {
                    assertThat(client.readLine()).as("RETR %d", n).isEqualTo("+OK " + numbered(n).length + " octets");
                    assertThat(client.readBody()).isEqualTo(numbered(n));
                    if (n % 37 == 0) {
                        assertThat(client.readLine()).startsWith("+OK message " + (n + 1) + " deleted");
                        assertThat(client.readLine()).startsWith("+OK");
                    }
                }
            }
            assertThat(client.command("QUIT")).endsWith("(" + count + " messages left)");
        }
    }

    @Test
    void uniqueIdsAreStableAcrossSessionsAndNeverReused() throws Exception {
        Account account = accountWithTwoMessages("uidl");
        List<String> first;
        try (Pop3Client client = login(account)) {
            client.send("UIDL");
            assertThat(client.readLine()).startsWith("+OK");
            first = client.readMultiLine();
            assertThat(first).hasSize(2).allSatisfy(line -> assertThat(line).matches("\\d \\d+\\.\\d+"));
            assertThat(client.command("DELE 1")).startsWith("+OK");
            client.command("QUIT");
        }
        String deletedId = first.get(0).split(" ")[1];
        String keptId = first.get(1).split(" ")[1];
        fixtures.deliver(account, Pop3Fixtures.message("dotted.eml"));
        try (Pop3Client client = login(account)) {
            client.send("UIDL");
            client.readLine();
            List<String> second = client.readMultiLine();
            assertThat(second).hasSize(2);
            assertThat(second.get(0)).as("the kept message keeps its id under its new number").isEqualTo("1 " + keptId);
            String newId = second.get(1).split(" ")[1];
            assertThat(newId).isNotEqualTo(deletedId).isNotEqualTo(keptId);
            client.command("QUIT");
        }
    }

    /** 20 MiB: announced and sent sizes agree, every octet arrives, and later commands wait for the end. */
    @Test
    void aTwentyMebibyteMessageIsStreamedExactly() throws Exception {
        Account account = fixtures.account("big@example.test", "pw-big");
        ByteArrayOutputStream raw = new ByteArrayOutputStream(21 << 20);
        ByteArrayOutputStream crlf = new ByteArrayOutputStream(21 << 20);
        raw.writeBytes("From: big@example.test\r\nSubject: twenty mebibytes\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        crlf.writeBytes(raw.toByteArray());
        for (int i = 0; raw.size() < 20 << 20; i++) {
            String text = (i % 10 == 0 ? "." : "") + "line " + i + " " + "0123456789abcdef".repeat(4);
            // every 7th line ends in a bare LF, as a message appended over IMAP may
            String ending = i % 7 == 0 ? "\n" : "\r\n";
            raw.writeBytes((text + ending).getBytes(StandardCharsets.US_ASCII));
            crlf.writeBytes((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        fixtures.deliver(account, raw.toByteArray());
        byte[] expected = crlf.toByteArray();

        try (Pop3Client client = login(account)) {
            assertThat(client.command("LIST 1")).isEqualTo("+OK 1 " + expected.length);
            client.send("RETR 1");
            client.send("NOOP");
            assertThat(client.readLine()).isEqualTo("+OK " + expected.length + " octets");
            byte[] body = client.readBody();
            assertThat(body.length).isEqualTo(expected.length);
            assertThat(MessageDigest.getInstance("SHA-256").digest(body))
                    .isEqualTo(MessageDigest.getInstance("SHA-256").digest(expected));
            assertThat(client.readLine()).as("the pipelined NOOP is answered after the message").isEqualTo("+OK");
            client.send("TOP 1 2");
            assertThat(client.readLine()).startsWith("+OK");
            assertThat(client.readMultiLine()).containsExactly("From: big@example.test", "Subject: twenty mebibytes", "",
                    ".line 0 " + "0123456789abcdef".repeat(4), "line 1 " + "0123456789abcdef".repeat(4));
            client.command("QUIT");
        }
    }

    @Test
    void storedSizesWithBareLineFeedsAreCountedOnceAndRemembered() throws Exception {
        Account account = fixtures.account("sizes@example.test", "pw-sizes");
        long uid = fixtures.deliver(account, Pop3Fixtures.message("bare-lf.eml"));
        try (Pop3Client client = login(account)) {
            assertThat(client.command("STAT")).isEqualTo("+OK 1 104");
            Pop3Client.Retrieved message = client.retrieve(1);
            assertThat(message.body()).hasSize(104);
            client.command("QUIT");
        }
        assertThat(fixtures.bean(io.mailplatform.store.mailbox.CrlfSizes.class).find(fixtures.inbox(account)))
                .containsEntry(uid, 104L);
    }
}
