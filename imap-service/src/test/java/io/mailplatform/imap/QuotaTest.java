package io.mailplatform.imap;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.store.directory.Account;
import io.mailplatform.store.directory.DirectoryAdmin;
import io.mailplatform.testsupport.LineClient;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * QUOTA (RFC 9208) over a real socket: the RFC's GETQUOTAROOT and GETQUOTA examples with the quota
 * the admin API sets, accounts without a quota, SETQUOTA refused, DELETED-STORAGE, and the
 * {@code [OVERQUOTA]} refusals of APPEND and COPY, after which the usage is unchanged; the same for
 * the MESSAGE resource (a message count limit).
 */
class QuotaTest extends ImapTestSupport {
    private static final String OVER = "NO [OVERQUOTA] Not enough room: the quota is exceeded";

    @Autowired
    DirectoryAdmin admin;

    @Test
    void accountWithoutQuotaHasNoQuotaRoot() throws Exception {
        Account account = account("quota-none");
        try (LineClient client = login(account)) {
            assertThat(command(client, "a", "GETQUOTAROOT INBOX")).containsExactly("* QUOTAROOT INBOX",
                    "a OK GETQUOTAROOT completed");
            assertThat(command(client, "b", "GETQUOTA \"\"")).containsExactly("b NO [NONEXISTENT] No such quota root");
            assertThat(command(client, "c", "CAPABILITY").get(0)).contains(
                    " QUOTA QUOTA=RES-MESSAGE QUOTA=RES-STORAGE ").doesNotContain("QUOTASET");
        }
    }

    @Test
    void getQuotaRootAndGetQuotaReportStorageInKibibytes() throws Exception {
        Account account = account("quota-report");
        append(inbox(account), simpleMessage("a@example.test", "one", "x".repeat(3000)), Instant.now());
        long used = mailboxes.messages(inbox(account)).get(0).size();
        admin.setQuota(account.address(), 512 * 1024L + 1000);
        long usage = (used + 1023) / 1024;
        try (LineClient client = login(account)) {
            command(client, "c", "CREATE Archive");
            // RFC 9208 §4.1.2 and §4.1.1 examples: one root "" for every mailbox of the account
            assertThat(command(client, "A003", "GETQUOTAROOT INBOX")).containsExactly("* QUOTAROOT INBOX \"\"",
                    "* QUOTA \"\" (STORAGE " + usage + " 512)", "A003 OK GETQUOTAROOT completed");
            assertThat(command(client, "A004", "GETQUOTAROOT Archive")).containsExactly("* QUOTAROOT Archive \"\"",
                    "* QUOTA \"\" (STORAGE " + usage + " 512)", "A004 OK GETQUOTAROOT completed");
            assertThat(command(client, "G0001", "GETQUOTA \"\"")).containsExactly(
                    "* QUOTA \"\" (STORAGE " + usage + " 512)", "G0001 OK GETQUOTA completed");
            assertThat(command(client, "e", "GETQUOTA other")).containsExactly("e NO [NONEXISTENT] No such quota root");
            assertThat(command(client, "f", "GETQUOTAROOT Missing")).containsExactly("f NO [NONEXISTENT] No such mailbox");
            // the operator sets quotas (admin API); a client cannot
            assertThat(command(client, "S0000", "SETQUOTA \"\" (STORAGE 512)")).containsExactly(
                    "S0000 NO [NOPERM] Quotas are set by the operator");
            assertThat(command(client, "g", "SETQUOTA \"\" (STORAGE)")).singleElement().asString().startsWith("g BAD ");
            assertThat(command(client, "h", "GETQUOTA")).singleElement().asString().startsWith("h BAD ");
            command(client, "s", "SELECT INBOX");
            assertThat(command(client, "i", "GETQUOTA \"\"")).contains("i OK GETQUOTA completed");
        }
        admin.setQuota(account.address(), null);
    }

    @Test
    void appendAndCopyOverQuotaAreRefusedAndChangeNothing() throws Exception {
        Account account = account("quota-over");
        String message = simpleMessage("a@example.test", "big", "y".repeat(5000));
        long uid = append(inbox(account), message, Instant.now());
        long used = mailboxes.messages(inbox(account)).get(0).size();
        admin.setQuota(account.address(), used + 2048);
        String quota = "* QUOTA \"\" (STORAGE " + (used + 1023) / 1024 + " " + (used + 2048) / 1024 + ")";
        String literal = message.replace("\n", "\r\n");
        try (LineClient client = login(account)) {
            command(client, "c", "CREATE Kept");
            client.send("a APPEND INBOX {" + literal.length() + "}");
            assertThat(client.readLine()).startsWith("+");
            client.write(literal + "\r\n");
            assertThat(client.readLine()).isEqualTo("a " + OVER);
            assertThat(command(client, "q", "GETQUOTA \"\"")).containsExactly(quota, "q OK GETQUOTA completed");
            command(client, "s", "SELECT INBOX");
            assertThat(command(client, "k", "UID COPY " + uid + " Kept")).containsExactly("k " + OVER);
            assertThat(command(client, "r", "GETQUOTA \"\"")).containsExactly(quota, "r OK GETQUOTA completed");
        }
        assertThat(mailboxes.messages(inbox(account))).hasSize(1);
        assertThat(mailboxes.messages(mailboxes.require(account.id(), "Kept"))).isEmpty();
        admin.setQuota(account.address(), null);
    }

    @Test
    void multiappendThatDoesNotFitTogetherStoresNone() throws Exception {
        Account account = account("quota-multiappend");
        String message = simpleMessage("a@example.test", "part", "z".repeat(3000)).replace("\n", "\r\n");
        // room for one of the two messages, not for both (RFC 3502 §3: all or nothing)
        admin.setQuota(account.address(), message.length() + 1000L);
        try (LineClient client = login(account)) {
            client.write("a APPEND INBOX {" + message.length() + "+}\r\n" + message + " {" + message.length() + "+}\r\n"
                    + message + "\r\n");
            assertThat(client.readLine()).isEqualTo("a " + OVER);
            assertThat(command(client, "s", "STATUS INBOX (MESSAGES)")).contains("* STATUS INBOX (MESSAGES 0)");
            client.write("b APPEND INBOX {" + message.length() + "+}\r\n" + message + "\r\n");
            assertThat(client.readLine()).startsWith("b OK [APPENDUID ");
        }
        assertThat(mailboxes.messages(inbox(account))).hasSize(1);
        admin.setQuota(account.address(), null);
    }

    @Test
    void messageQuotaIsReportedAndRefusesAppendCopyAndMultiappendAtTheLimit() throws Exception {
        Account account = account("quota-messages");
        String message = simpleMessage("a@example.test", "counted", "m").replace("\n", "\r\n");
        long uid = append(inbox(account), message, Instant.now());
        append(inbox(account), message, Instant.now());
        admin.setMessageQuota(account.address(), 2L);
        try (LineClient client = login(account)) {
            command(client, "c", "CREATE Kept");
            assertThat(command(client, "a", "GETQUOTAROOT INBOX")).containsExactly("* QUOTAROOT INBOX \"\"",
                    "* QUOTA \"\" (MESSAGE 2 2)", "a OK GETQUOTAROOT completed");
            client.write("b APPEND INBOX {" + message.length() + "+}\r\n" + message + "\r\n");
            assertThat(client.readLine()).isEqualTo("b " + OVER);
            command(client, "s", "SELECT INBOX");
            assertThat(command(client, "k", "UID COPY " + uid + " Kept")).containsExactly("k " + OVER);
            // both resources, STORAGE first; one more message fits, two together do not (all or nothing)
            admin.setQuota(account.address(), 1024L * 1024);
            admin.setMessageQuota(account.address(), 3L);
            client.write("m APPEND Kept {" + message.length() + "+}\r\n" + message + " {" + message.length() + "+}\r\n"
                    + message + "\r\n");
            assertThat(client.readLine()).isEqualTo("m " + OVER);
            assertThat(command(client, "u", "UID COPY " + uid + " Kept")).last().asString().startsWith("u OK ");
            assertThat(command(client, "q", "GETQUOTA \"\"")).containsExactly("* QUOTA \"\" (STORAGE 1 1024 MESSAGE 3 3)",
                    "q OK GETQUOTA completed");
            // without a storage quota, and with the message quota removed, the account has no quota root again
            admin.setQuota(account.address(), null);
            admin.setMessageQuota(account.address(), null);
            assertThat(command(client, "n", "GETQUOTAROOT INBOX")).containsExactly("* QUOTAROOT INBOX",
                    "n OK GETQUOTAROOT completed");
            client.write("p APPEND INBOX {" + message.length() + "+}\r\n" + message + "\r\n");
            String line = client.readLine();
            while (line.startsWith("* ")) { // INBOX is selected: its new EXISTS comes first
                line = client.readLine();
            }
            assertThat(line).startsWith("p OK [APPENDUID ");
        }
        assertThat(mailboxes.messages(inbox(account))).hasSize(3);
        assertThat(mailboxes.messages(mailboxes.require(account.id(), "Kept"))).hasSize(1);
    }

    @Test
    void statusDeletedStorageSumsTheSizesOfDeletedMessages() throws Exception {
        Account account = account("quota-deleted-storage");
        append(inbox(account), simpleMessage("a@example.test", "kept", "k"), Instant.now());
        append(inbox(account), simpleMessage("a@example.test", "gone", "g".repeat(700)), Instant.now(), "\\Deleted");
        long deleted = mailboxes.messages(inbox(account)).get(1).size();
        long total = deleted + mailboxes.messages(inbox(account)).get(0).size();
        try (LineClient client = login(account)) {
            assertThat(command(client, "a", "STATUS INBOX (DELETED-STORAGE SIZE DELETED)")).containsExactly(
                    "* STATUS INBOX (DELETED-STORAGE " + deleted + " SIZE " + total + " DELETED 1)",
                    "a OK STATUS completed");
            assertThat(command(client, "b", "STATUS INBOX (DELETED_STORAGE)")).singleElement().asString()
                    .startsWith("b BAD ");
        }
    }
}
