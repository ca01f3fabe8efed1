package io.mailplatform.imap;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.store.directory.Account;
import io.mailplatform.store.mailbox.InboundMessage;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.store.mailbox.MailboxDelivery;
import io.mailplatform.store.mailbox.MessageFlags;
import io.mailplatform.testsupport.LineClient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Delivered mail carries per-recipient trace fields stored in front of the shared content. FETCH
 * must show them as part of the top-level header, count them in RFC822.SIZE and still find the
 * MIME parts at their offsets.
 */
class TracePrefixFetchTest extends ImapTestSupport {
    @Autowired
    MailboxDelivery delivery;

    @Test
    void sectionsSizesAndHeaderSearchIncludeTheTracePrefix() throws Exception {
        Account account = account("prefixed");
        String content = """
                From: a@example.org
                Subject: parts
                Content-Type: multipart/mixed; boundary=b

                --b
                Content-Type: text/plain

                first part
                --b
                Content-Type: text/plain

                second part
                --b--
                """.replace("\n", "\r\n");
        byte[] prefix = ("Return-Path: <a@example.org>\r\nDelivered-To: " + account.address() + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        long uid = delivery.deliver(List.of(new InboundMessage("ENV-PREFIX", content.getBytes(StandardCharsets.US_ASCII),
                Instant.now(), List.of(new InboundMessage.LocalCopy(account.address(), account.id(), Mailbox.INBOX, prefix,
                        MessageFlags.NONE, null, null)), List.of()))).stored().get(0).uid();
        int size = prefix.length + content.length();

        try (LineClient client = login(account)) {
            command(client, "a", "SELECT INBOX");
            String fetched = String.join("\n", command(client, "b", "UID FETCH " + uid
                    + " (RFC822.SIZE BODY.PEEK[HEADER.FIELDS (DELIVERED-TO)] BODY.PEEK[2] BODY.PEEK[]<0.12>)"));
            assertThat(fetched).contains("RFC822.SIZE " + size)
                    .contains("Delivered-To: " + account.address())
                    .contains("BODY[2] {11}\nsecond part")
                    .contains("BODY[]<0> {12}\nReturn-Path:")
                    .contains("b OK");
            List<String> search = command(client, "c", "UID SEARCH HEADER Delivered-To " + account.address());
            assertThat(search.get(0)).isEqualTo("* SEARCH " + uid);
        }
    }
}
