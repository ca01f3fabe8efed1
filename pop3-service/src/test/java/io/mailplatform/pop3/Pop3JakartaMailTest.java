package io.mailplatform.pop3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailplatform.pop3.server.Pop3Server;
import io.mailplatform.pop3.support.MailboxEventWatch;
import io.mailplatform.pop3.support.Pop3Fixtures;
import io.mailplatform.pop3.support.Pop3ServerTest;
import io.mailplatform.store.directory.Account;
import io.mailplatform.store.directory.ApopSecrets;
import io.mailplatform.store.event.MailboxEvent;
import io.mailplatform.store.mailbox.MessageMeta;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.ByteArrayOutputStream;
import java.util.Properties;
import org.eclipse.angus.mail.pop3.POP3Folder;
import org.junit.jupiter.api.Test;

/** Jakarta Mail's own POP3 provider (Angus Mail) against the server: STLS, pop3s, SASL, APOP, deletion. */
class Pop3JakartaMailTest extends Pop3ServerTest {
    private static Properties properties(String protocol) {
        Properties properties = new Properties();
        properties.put("mail." + protocol + ".ssl.trust", "*");
        properties.put("mail." + protocol + ".ssl.checkserveridentity", "false");
        properties.put("mail." + protocol + ".connectiontimeout", "10000");
        properties.put("mail." + protocol + ".timeout", "20000");
        if (protocol.equals("pop3")) {
            properties.put("mail.pop3.starttls.enable", "true");
            properties.put("mail.pop3.starttls.required", "true");
        }
        return properties;
    }

    private Account accountWithMessages(String name) {
        Account account = fixtures.account(name + "@example.test", "pw-" + name);
        fixtures.deliver(account, Pop3Fixtures.message("rfc1939-message-1.eml"));
        fixtures.deliver(account, Pop3Fixtures.message("dotted.eml"));
        fixtures.deliver(account, Pop3Fixtures.message("bare-lf.eml"));
        return account;
    }

    private static byte[] crlf(byte[] message) {
        return new String(message, java.nio.charset.StandardCharsets.ISO_8859_1).replaceAll("\r?\n", "\r\n")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private void readsEveryMessageExactly(Store store, Account account) throws Exception {
        Folder inbox = store.getFolder("INBOX");
        inbox.open(Folder.READ_ONLY);
        try {
            assertThat(inbox.getMessageCount()).isEqualTo(3);
            Message[] messages = inbox.getMessages();
            int[] listed = ((POP3Folder) inbox).getSizes();
            String[] fixturesInOrder = {"rfc1939-message-1.eml", "dotted.eml", "bare-lf.eml"};
            for (int i = 0; i < messages.length; i++) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                messages[i].writeTo(out);
                assertThat(out.toByteArray()).as(fixturesInOrder[i]).isEqualTo(crlf(Pop3Fixtures.message(fixturesInOrder[i])));
                assertThat(listed[i]).as("LIST agrees with what RETR sent").isEqualTo(out.size());
            }
            assertThat(messages[1].getSubject()).isEqualTo("dots");
            long uidValidity = fixtures.inbox(account).uidValidity();
            assertThat(((POP3Folder) inbox).getUID(messages[2])).isEqualTo(uidValidity + ".3");
        } finally {
            inbox.close(false);
        }
    }

    /** Angus Mail's "PLAIN" is AUTH PLAIN (RFC 5034); its "LOGIN" is USER/PASS (RFC 1939 §7). */
    @Test
    void readsOverStlsWithAuthPlainAndWithUserPass() throws Exception {
        Account account = accountWithMessages("jakarta");
        for (String mechanism : new String[] {"PLAIN", "LOGIN"}) {
            Properties properties = properties("pop3");
            properties.put("mail.pop3.auth.mechanisms", mechanism);
            try (Store store = Session.getInstance(properties).getStore("pop3")) {
                store.connect("127.0.0.1", server.port("pop3"), account.address(), "pw-jakarta");
                readsEveryMessageExactly(store, account);
            }
        }
    }

    @Test
    void readsOverImplicitTls() throws Exception {
        Account account = accountWithMessages("implicit");
        try (Store store = Session.getInstance(properties("pop3s")).getStore("pop3s")) {
            store.connect("127.0.0.1", server.port("pop3s"), account.address(), "pw-implicit");
            readsEveryMessageExactly(store, account);
        }
    }

    @Test
    void logsInWithApopAndItsOwnSecret() throws Exception {
        Account account = accountWithMessages("apopclient");
        fixtures.bean(ApopSecrets.class).set(account.address(), "the apop secret");
        Properties properties = properties("pop3");
        properties.put("mail.pop3.apop.enable", "true");
        try (Store store = Session.getInstance(properties).getStore("pop3")) {
            store.connect("127.0.0.1", server.port("pop3"), account.address(), "the apop secret");
            readsEveryMessageExactly(store, account);
        }
        try (Store store = Session.getInstance(properties).getStore("pop3")) {
            assertThatThrownBy(() -> store.connect("127.0.0.1", server.port("pop3"), account.address(), "pw-apopclient"))
                    .as("the login password does not work as the APOP secret")
                    .isInstanceOf(AuthenticationFailedException.class);
        }
    }

    @Test
    void wrongPasswordsFailAuthentication() throws Exception {
        Account account = accountWithMessages("refused");
        try (Store store = Session.getInstance(properties("pop3s")).getStore("pop3s")) {
            assertThatThrownBy(() -> store.connect("127.0.0.1", server.port("pop3s"), account.address(), "wrong"))
                    .isInstanceOf(AuthenticationFailedException.class);
        }
    }

    @Test
    void deletingThroughJakartaMailExpungesAndPublishesTheEvent() throws Exception {
        Account account = accountWithMessages("deleter");
        try (MailboxEventWatch events = new MailboxEventWatch();
             Store store = Session.getInstance(properties("pop3s")).getStore("pop3s")) {
            store.connect("127.0.0.1", server.port("pop3s"), account.address(), "pw-deleter");
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            inbox.getMessage(2).setFlag(Flags.Flag.DELETED, true);
            inbox.close(true);
            assertThat(fixtures.mailboxes().messages(fixtures.inbox(account))).extracting(MessageMeta::uid)
                    .containsExactly(1L, 3L);
            assertThat(events.await(e -> e.accountId() == account.id() && e.type() == MailboxEvent.Type.MESSAGES_EXPUNGED))
                    .hasValueSatisfying(e -> assertThat(e.uids()).containsExactly(2L));
        }
    }
}
