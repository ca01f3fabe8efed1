package io.mailplatform.imap;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.imap.idle.MailboxEventHub;
import io.mailplatform.store.directory.Account;
import io.mailplatform.store.event.MailboxEvent;
import io.mailplatform.testsupport.LineClient;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * NOTIFY (RFC 5465) with two sessions of one account: one changes mailboxes other than the one the
 * other has selected, the other hears of it at once while idling, as STATUS and LIST responses fed
 * by {@code mailbox.events}; its selected mailbox reports as ever; too many waiting notices overflow
 * (test configuration: mail.imap.notify.max-queued=10).
 */
class NotifyTest extends ImapTestSupport {
    @Autowired
    MailboxEventHub hub;

    @Test
    void idleSessionHearsOfOtherMailboxesAsStatusAndList() throws Exception {
        Account account = account("notify-two");
        try (LineClient watcher = login(account); LineClient other = login(account)) {
            // RFC 5465 §3 example, without MessageNew's fetch attributes
            selectInboxNotifyAndIdle(watcher, "(selected (MessageNew MessageExpunge)) "
                    + "(personal (MessageNew MessageExpunge FlagChange MailboxName SubscriptionChange))");

            // created after NOTIFY: an event published before it may still arrive after it
            assertThat(command(other, "o0", "CREATE Other")).singleElement().asString()
                    .matches("o0 OK \\[MAILBOXID \\(F[0-9a-f]{24}\\)] CREATE completed");
            assertThat(watcher.readLine()).isEqualTo("* LIST () \"/\" Other");
            other.send("o1 APPEND Other {17}");
            assertThat(other.readLine()).startsWith("+ ");
            other.send("Subject: new\r\n\r\nx");
            assertThat(other.readUntil(line -> line.startsWith("o1 "))).last().asString().startsWith("o1 OK");
            assertThat(watcher.readLine()).matches("\\* STATUS Other \\(MESSAGES 1 UIDNEXT 2 UIDVALIDITY \\d+ UNSEEN 1 HIGHESTMODSEQ \\d+\\)");

            command(other, "o2", "SELECT Other");
            command(other, "o3", "STORE 1 +FLAGS.SILENT (\\Seen)");
            assertThat(watcher.readLine()).matches("\\* STATUS Other \\(MESSAGES 1 UIDNEXT 2 UIDVALIDITY \\d+ UNSEEN 0 HIGHESTMODSEQ \\d+\\)");
            command(other, "o4", "STORE 1 +FLAGS.SILENT (\\Deleted)");
            assertThat(watcher.readLine()).matches("\\* STATUS Other \\(MESSAGES 1 UIDNEXT 2 UIDVALIDITY \\d+ UNSEEN 0 HIGHESTMODSEQ \\d+\\)");
            command(other, "o5", "EXPUNGE");
            assertThat(watcher.readLine()).matches("\\* STATUS Other \\(MESSAGES 0 UIDNEXT 2 UIDVALIDITY \\d+ UNSEEN 0 HIGHESTMODSEQ \\d+\\)");

            command(other, "o6", "CREATE Projects");
            assertThat(watcher.readLine()).isEqualTo("* LIST () \"/\" Projects");
            command(other, "o7", "SUBSCRIBE Projects");
            assertThat(watcher.readLine()).isEqualTo("* LIST (\\Subscribed) \"/\" Projects");
            command(other, "o8", "UNSUBSCRIBE Projects");
            assertThat(watcher.readLine()).isEqualTo("* LIST () \"/\" Projects");
            command(other, "o9", "RENAME Projects Done");
            assertThat(watcher.readLine()).isEqualTo("* LIST () \"/\" Done");
            command(other, "o10", "DELETE Done");
            assertThat(watcher.readLine()).isEqualTo("* LIST (\\NonExistent) \"/\" Done");

            // the selected mailbox reports as without NOTIFY: EXISTS, not STATUS
            other.send("o11 APPEND INBOX {17}");
            assertThat(other.readLine()).startsWith("+ ");
            other.send("Subject: new\r\n\r\ny");
            assertThat(other.readUntil(line -> line.startsWith("o11 "))).last().asString().startsWith("o11 OK");
            assertThat(watcher.readLine()).isEqualTo("* 1 EXISTS");
            assertThat(watcher.readLine()).matches("\\* [01] RECENT");

            watcher.send("DONE");
            assertThat(watcher.readLine()).isEqualTo("w2 OK IDLE terminated");
            // NOTIFY NONE: nothing more about other mailboxes
            assertThat(command(watcher, "w3", "NOTIFY NONE")).containsExactly("w3 OK NOTIFY completed");
        }
    }

    @Test
    void messageNewWithFetchAttributesSendsTheNewMessagesWhileIdling() throws Exception {
        Account account = account("notify-fetch");
        try (LineClient watcher = login(account); LineClient other = login(account)) {
            // RFC 5465 §5.2's example attributes
            selectInboxNotifyAndIdle(watcher, "(selected (MessageNew (uid body.peek[header.fields (from to subject)]) "
                    + "MessageExpunge))");
            String message = "From: alice@example.org\r\nSubject: Re: good morning\r\nTo: bob@example.org\r\n"
                    + "Date: Sun, 6 Dec 2026 10:00:00 +0000\r\n\r\nhello Bob";
            other.send("o1 APPEND INBOX {" + message.length() + "+}\r\n" + message);
            assertThat(other.readUntil(line -> line.startsWith("o1 "))).last().asString().startsWith("o1 OK");
            assertThat(watcher.readLine()).isEqualTo("* 1 EXISTS");
            assertThat(watcher.readLine()).matches("\\* [01] RECENT");
            assertThat(watcher.readLine()).isEqualTo("* 1 FETCH (UID 1 BODY[HEADER.FIELDS (FROM TO SUBJECT)] {75}");
            assertThat(List.of(watcher.readLine(), watcher.readLine(), watcher.readLine(), watcher.readLine(),
                    watcher.readLine())).containsExactly("From: alice@example.org", "Subject: Re: good morning",
                            "To: bob@example.org", "", ")");
            watcher.send("DONE");
            assertThat(watcher.readLine()).isEqualTo("w2 OK IDLE terminated");
            // BODY.PEEK: the message is still unseen
            assertThat(command(watcher, "w3", "FETCH 1 FLAGS")).first().asString().doesNotContain("\\Seen");
        }
    }

    @Test
    void statusIndicatorAndNoticesAfterTheNextCommand() throws Exception {
        Account account = account("notify-status");
        try (LineClient watcher = login(account); LineClient other = login(account)) {
            command(other, "o0", "CREATE Lists/imap");
            assertThat(command(watcher, "w1", "NOTIFY SET STATUS (subtree Lists (MessageNew MessageExpunge))"))
                    .containsExactly("* STATUS Lists (MESSAGES 0 UIDNEXT 1 UIDVALIDITY " + uidValidity(account, "Lists")
                            + " UNSEEN 0)", "* STATUS Lists/imap (MESSAGES 0 UIDNEXT 1 UIDVALIDITY "
                            + uidValidity(account, "Lists/imap") + " UNSEEN 0)", "w1 OK NOTIFY completed");
            // INBOX is outside the filter: only Lists/imap is reported
            watcher.send("w2 IDLE");
            assertThat(watcher.readLine()).isEqualTo("+ idling");
            other.send("o1 APPEND INBOX {17}");
            other.readLine();
            other.send("Subject: new\r\n\r\nx");
            other.readUntil(line -> line.startsWith("o1 "));
            other.send("o2 APPEND Lists/imap {17}");
            other.readLine();
            other.send("Subject: new\r\n\r\nx");
            other.readUntil(line -> line.startsWith("o2 "));
            assertThat(watcher.readLine()).matches("\\* STATUS Lists/imap \\(MESSAGES 1 UIDNEXT 2 UIDVALIDITY \\d+ UNSEEN 1\\)");
            watcher.send("DONE");
            assertThat(watcher.readLine()).isEqualTo("w2 OK IDLE terminated");
        }
    }

    @Test
    void tooManyWaitingNoticesOverflow() throws Exception {
        Account account = account("notify-overflow");
        CountDownLatch appended = new CountDownLatch(1);
        MailboxEventHub.Listener heard = event -> {
            if (event.type() == MailboxEvent.Type.MESSAGES_ADDED && event.mailboxName().equals("Marker")) {
                appended.countDown();
            }
        };
        hub.registerAccount(account.id(), heard);
        try (LineClient watcher = login(account); LineClient other = login(account)) {
            command(other, "o0", "CREATE Marker");
            assertThat(command(watcher, "w1", "NOTIFY SET (personal (MailboxName))")).containsExactly("w1 OK NOTIFY completed");
            for (int i = 1; i <= 11; i++) {
                assertThat(command(other, "c" + i, "CREATE Box" + i)).singleElement().asString()
                        .endsWith(" CREATE completed").startsWith("c" + i + " OK ");
            }
            other.send("o1 APPEND Marker {17}");
            other.readLine();
            other.send("Subject: new\r\n\r\nx");
            other.readUntil(line -> line.startsWith("o1 "));
            // events of one account arrive in order, and the hub hands each to every listener before the
            // next: once this listener heard of the message, the watcher's queue has had all eleven notices
            // offered (an IDLE session is no such signal: it also re-reads the store on a timer)
            assertThat(appended.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(command(watcher, "w2", "NOOP")).containsExactly(
                    "* OK [NOTIFICATIONOVERFLOW] Too many notifications; NOTIFY is now off", "w2 OK NOOP completed");
        } finally {
            hub.unregisterAccount(account.id(), heard);
        }
    }

    /** SELECT INBOX, NOTIFY SET with the groups, then IDLE as w2. */
    private void selectInboxNotifyAndIdle(LineClient watcher, String groups) throws Exception {
        assertThat(command(watcher, "w0", "SELECT INBOX")).last().asString().startsWith("w0 OK");
        assertThat(command(watcher, "w1", "NOTIFY SET " + groups)).containsExactly("w1 OK NOTIFY completed");
        watcher.send("w2 IDLE");
        assertThat(watcher.readLine()).isEqualTo("+ idling");
    }

    private long uidValidity(Account account, String name) {
        return mailboxes.require(account.id(), name).uidValidity();
    }
}
