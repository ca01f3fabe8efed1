package io.mailplatform.imap;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.store.directory.Account;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.search.AndTerm;
import jakarta.mail.search.BodyTerm;
import jakarta.mail.search.FlagTerm;
import jakarta.mail.search.FromStringTerm;
import jakarta.mail.search.SubjectTerm;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.imap.AppendUID;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.junit.jupiter.api.Test;

/** Jakarta Mail's IMAP provider (Angus Mail) against the server, over STARTTLS (143) and implicit TLS (993). */
class JakartaMailTest extends ImapTestSupport {

    private Store connect(Account account, boolean implicitTls) throws Exception {
        Properties properties = new Properties();
        for (String protocol : new String[] {"imap", "imaps"}) {
            properties.put("mail." + protocol + ".ssl.trust", "*");
            properties.put("mail." + protocol + ".ssl.checkserveridentity", "false");
            properties.put("mail." + protocol + ".connectiontimeout", "10000");
            properties.put("mail." + protocol + ".timeout", "20000");
        }
        properties.put("mail.imap.starttls.enable", "true");
        properties.put("mail.imap.starttls.required", "true");
        Session session = Session.getInstance(properties);
        session.setDebug(Boolean.getBoolean("imap.debug")); // -Dimap.debug=true prints the protocol exchange
        Store store = session.getStore(implicitTls ? "imaps" : "imap");
        store.connect("127.0.0.1", implicitTls ? tlsPort() : port(), account.address(), PASSWORD);
        return store;
    }

    @Test
    void readsTheFixturesOverStartTls() throws Exception {
        Account account = account("jakarta-read");
        Fixtures.seed(mailboxes, inbox(account));
        try (Store store = connect(account, false)) {
            assertThat(((IMAPStore) store).hasCapability("IMAP4rev2")).isTrue();
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            assertThat(inbox.getMessageCount()).isEqualTo(4);
            assertThat(inbox.getUnreadMessageCount()).isEqualTo(2);
            Message[] messages = inbox.getMessages();
            FetchProfile profile = new FetchProfile();
            profile.add(FetchProfile.Item.ENVELOPE);
            profile.add(FetchProfile.Item.FLAGS);
            profile.add(FetchProfile.Item.CONTENT_INFO);
            profile.add(UIDFolder.FetchProfileItem.UID);
            inbox.fetch(messages, profile);

            assertThat(messages[0].getSubject()).isEqualTo("IMAP4rev2 WG mtg summary and minutes");
            assertThat(((InternetAddress) messages[0].getFrom()[0]).getAddress()).isEqualTo("gray@cac.washington.edu");
            assertThat(messages[0].getRecipients(Message.RecipientType.CC)).hasSize(2);
            assertThat(messages[0].isSet(Flags.Flag.SEEN)).isTrue();
            assertThat((String) messages[0].getContent()).startsWith("The working group met in Montreal.");
            assertThat(((UIDFolder) inbox).getUID(messages[3])).isEqualTo(4);

            // multipart with a quoted-printable text part and a base64 attachment
            Multipart report = (Multipart) messages[2].getContent();
            assertThat(report.getCount()).isEqualTo(2);
            assertThat(report.getBodyPart(0).getContent()).isEqualTo("Grüße, the report is attached.");
            Part attachment = report.getBodyPart(1);
            assertThat(attachment.getFileName()).isEqualTo("report.bin");
            assertThat(Part.ATTACHMENT).isEqualToIgnoringCase(attachment.getDisposition());
            try (InputStream in = attachment.getInputStream()) {
                assertThat(in.readAllBytes()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
            }

            // message/rfc822 inside multipart/mixed inside multipart/alternative
            Multipart alternative = (Multipart) messages[3].getContent();
            assertThat(alternative.getContentType()).startsWithIgnoringCase("multipart/alternative");
            Multipart mixed = (Multipart) alternative.getBodyPart(1).getContent();
            Part forwarded = mixed.getBodyPart(1);
            assertThat(forwarded.isMimeType("message/rfc822")).isTrue();
            MimeMessage original = (MimeMessage) forwarded.getContent();
            assertThat(original.getSubject()).isEqualTo("Original");
            Multipart inner = (Multipart) original.getContent();
            assertThat(inner.getBodyPart(0).getContent()).isEqualTo("The original text.");
            assertThat(inner.getBodyPart(1).isMimeType("image/gif")).isTrue();
            // EXAMINE: reading a body did not set \Seen
            assertThat(messages[1].isSet(Flags.Flag.SEEN)).isFalse();
            inbox.close(false);
        }
    }

    @Test
    void changesFlagsAppendsCopiesMovesSearchesAndExpungesOverImplicitTls() throws Exception {
        Account account = account("jakarta-write");
        Fixtures.seed(mailboxes, inbox(account));
        try (Store store = connect(account, true)) {
            IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            Folder archive = store.getFolder("Archive");
            assertThat(archive.exists()).isFalse();
            assertThat(archive.create(Folder.HOLDS_MESSAGES | Folder.HOLDS_FOLDERS)).isTrue();

            Message meeting = inbox.getMessage(2);
            assertThat(meeting.isSet(Flags.Flag.SEEN)).isFalse();
            meeting.getContent(); // BODY[TEXT] sets \Seen
            assertThat(inbox.getMessage(2).isSet(Flags.Flag.SEEN)).isTrue();
            inbox.setFlags(new int[] {1, 2}, new Flags(Flags.Flag.FLAGGED), true);
            Flags keyword = new Flags("$Important");
            meeting.setFlags(keyword, true);

            assertThat(inbox.search(new FlagTerm(new Flags(Flags.Flag.FLAGGED), true))).hasSize(3);
            assertThat(inbox.search(new AndTerm(new SubjectTerm("meeting"), new FromStringTerm("foobar")))).hasSize(1);
            assertThat(inbox.search(new BodyTerm("montreal"))).extracting(Message::getMessageNumber).containsExactly(1);
            assertThat(inbox.search(new FlagTerm(keyword, true))).hasSize(1);

            inbox.copyMessages(new Message[] {inbox.getMessage(1)}, archive);
            inbox.moveMessages(new Message[] {inbox.getMessage(3)}, archive);
            // Jakarta Mail counts a moved message until the application expunges: look at the store
            assertThat(mailboxes.messages(inbox(account))).extracting(m -> m.uid()).containsExactly(1L, 2L, 4L);
            assertThat(archive.getMessageCount()).isEqualTo(2);

            MimeMessage draft = new MimeMessage((Session) null);
            draft.setFrom(new InternetAddress("me@example.test"));
            draft.setSubject("Draft from Jakarta");
            MimeBodyPart text = new MimeBodyPart();
            text.setText("first draft");
            draft.setContent(new MimeMultipart(text));
            draft.saveChanges();
            AppendUID[] appended = inbox.appendUIDMessages(new Message[] {draft});
            assertThat(appended[0].uid).isEqualTo(5);
            assertThat(appended[0].uidvalidity).isEqualTo(inbox.getUIDValidity());
            assertThat(inbox.getMessageByUID(5).getSubject()).isEqualTo("Draft from Jakarta");

            inbox.getMessageByUID(1).setFlag(Flags.Flag.DELETED, true);
            Message[] expunged = inbox.expunge();
            assertThat(expunged).isNotEmpty();
            assertThat(inbox.getMessageCount()).isEqualTo(3);
            assertThat(Arrays.stream(inbox.getMessages()).mapToLong(m -> {
                try {
                    return inbox.getUID(m);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            })).containsExactly(2L, 4L, 5L);
            inbox.close(true);
        }
    }

    @Test
    void foldersFormAHierarchyThatRenamesAndDeletes() throws Exception {
        Account account = account("jakarta-folders");
        try (Store store = connect(account, false)) {
            Folder root = store.getDefaultFolder();
            assertThat(root.getSeparator()).isEqualTo('/');
            Folder projects = store.getFolder("Projects");
            projects.create(Folder.HOLDS_FOLDERS | Folder.HOLDS_MESSAGES);
            Folder q4 = projects.getFolder("2026").getFolder("Q4");
            assertThat(q4.create(Folder.HOLDS_MESSAGES)).isTrue();
            assertThat(store.getFolder("Projects/2026").exists()).isTrue();
            assertThat(Arrays.stream(projects.list("*")).map(Folder::getFullName))
                    .containsExactlyInAnyOrder("Projects/2026", "Projects/2026/Q4");
            assertThat(Arrays.stream(root.list()).map(Folder::getFullName))
                    .contains("INBOX", "Drafts", "Sent", "Junk", "Trash", "Projects");

            Folder renamed = store.getFolder("Archive/Projects");
            assertThat(projects.renameTo(renamed)).isTrue();
            assertThat(store.getFolder("Projects").exists()).isFalse();
            assertThat(store.getFolder("Archive/Projects/2026/Q4").exists()).isTrue();

            Folder umlaut = store.getFolder("Entwürfe/Köln");
            assertThat(umlaut.create(Folder.HOLDS_MESSAGES)).isTrue();
            assertThat(Arrays.stream(store.getFolder("Entwürfe").list()).map(Folder::getFullName))
                    .containsExactly("Entwürfe/Köln");

            assertThat(store.getFolder("Archive").delete(true)).isTrue();
            assertThat(store.getFolder("Archive/Projects/2026").exists()).isFalse();
            assertThat(mailboxes.find(account.id(), "Archive/Projects/2026/Q4")).isEmpty();
        }
    }

    @Test
    void idleReturnsWhenAnotherSessionDelivers() throws Exception {
        Account account = account("jakarta-idle");
        try (Store store = connect(account, false); Store writer = connect(account, true)) {
            IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            assertThat(inbox.getMessageCount()).isZero();
            CompletableFuture<Integer> afterIdle = CompletableFuture.supplyAsync(() -> {
                try {
                    inbox.idle(true);
                    return inbox.getMessageCount();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(500);
            Folder other = writer.getFolder("INBOX");
            MimeMessage message = new MimeMessage(null, new ByteArrayInputStream(
                    Fixtures.crlf(simpleMessage("x@example.org", "pushed", "while idling"))));
            other.appendMessages(new Message[] {message});
            assertThat(afterIdle.get(15, TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(inbox.getMessage(1).getSubject()).isEqualTo("pushed");
        }
    }
}
