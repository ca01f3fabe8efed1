package io.mailplatform.store.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.store.StoreTestApplication;
import io.mailplatform.store.directory.Account;
import io.mailplatform.store.directory.DirectoryService;
import io.mailplatform.testsupport.RealInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(classes = StoreTestApplication.class)
@RealInfrastructure(kafka = false)
class CrlfSizesTest {
    @Autowired
    CrlfSizes sizes;
    @Autowired
    MailboxService mailboxes;
    @Autowired
    DirectoryService directory;

    @Test
    void sizesAreRememberedPerMessageAndGoWithIt() throws Exception {
        directory.createDomain("sizes.test");
        Account account = directory.createAccount("sizes@sizes.test", "pw");
        Mailbox inbox = mailboxes.require(account.id(), Mailbox.INBOX);
        byte[] raw = "Subject: x\n\nbody\n".getBytes(StandardCharsets.US_ASCII);
        long one = mailboxes.append(inbox, raw, MessageFlags.NONE, Instant.now()).uid();
        long two = mailboxes.append(inbox, raw, MessageFlags.NONE, Instant.now()).uid();

        sizes.remember(inbox, Map.of(one, 20L, two, 21L, 999L, 5L));
        assertThat(sizes.find(inbox)).as("sizes of messages that do not exist are skipped")
                .containsExactlyInAnyOrderEntriesOf(Map.of(one, 20L, two, 21L));
        sizes.remember(inbox, Map.of(one, 99L));
        assertThat(sizes.find(inbox)).containsEntry(one, 20L);

        mailboxes.delete(inbox, List.of(one));
        assertThat(sizes.find(inbox)).containsOnlyKeys(two);
    }
}
