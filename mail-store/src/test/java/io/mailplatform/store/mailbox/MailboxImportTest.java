package io.mailplatform.store.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.store.StoreTestApplication;
import io.mailplatform.store.directory.Account;
import io.mailplatform.store.directory.DirectoryService;
import io.mailplatform.store.search.MessageSearch;
import io.mailplatform.store.search.SearchCriterion;
import io.mailplatform.testsupport.RealInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(classes = StoreTestApplication.class)
@RealInfrastructure(kafka = false)
class MailboxImportTest {
    @Autowired
    MailboxImport importer;
    @Autowired
    MailboxService mailboxes;
    @Autowired
    MessageSummaries summaries;
    @Autowired
    MessageSearch search;
    @Autowired
    DirectoryService directory;

    @Test
    void importsBatchesWithSummariesFlagsAndDates() throws Exception {
        directory.createDomain("import.test");
        Account account = directory.createAccount("bulk@import.test", "pw");
        Mailbox inbox = mailboxes.require(account.id(), Mailbox.INBOX);
        List<MailboxImport.ImportedMessage> messages = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            String text = "From: Sender " + i + " <s" + i + "@example.org>\r\nSubject: message number " + i
                    + "\r\nDate: Mon, 2 Nov 2026 10:00:00 +0000\r\n\r\nbody " + (i % 2 == 0 ? "even" : "odd") + " text\r\n";
            messages.add(new MailboxImport.ImportedMessage(text.getBytes(StandardCharsets.UTF_8),
                    i % 3 == 0 ? MessageFlags.of(List.of("\\Seen", "$Imported")) : MessageFlags.NONE,
                    Instant.parse("2026-11-01T00:00:00Z").plusSeconds(i)));
        }
        long[] uids = importer.importMessages(inbox, messages);
        assertThat(uids).hasSize(2500);
        assertThat(uids[0]).isEqualTo(1);
        assertThat(uids[2499]).isEqualTo(2500);

        List<MessageMeta> metas = mailboxes.messages(inbox);
        assertThat(metas).hasSize(2500);
        assertThat(metas.get(3).flags().names()).containsExactly("\\Seen", "$Imported");
        assertThat(metas.get(4).flags().names()).isEmpty();
        assertThat(metas.get(10).internalDate()).isEqualTo(Instant.parse("2026-11-01T00:00:10Z"));
        assertThat(mailboxes.content(inbox, 7).orElseThrow()).isEqualTo(messages.get(6).raw());
        assertThat(summaries.summary(inbox, 8).orElseThrow().envelope().subject()).isEqualTo("message number 7");
        assertThat(search.search(inbox, new SearchCriterion.FullText("odd", true))).hasSize(1250);
        assertThat(search.search(inbox, new SearchCriterion.FieldContains(SearchCriterion.Field.FROM, "s123@"))).containsExactly(124);
        assertThat(mailboxes.refresh(inbox).uidNext()).isEqualTo(2501);
    }
}
