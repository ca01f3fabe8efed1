package io.mailplatform.imap;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.store.acl.PublicFolderHolder;
import io.mailplatform.store.acl.PublicFolders;
import io.mailplatform.store.directory.Account;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.testsupport.LineClient;
import io.mailplatform.testsupport.Transcript;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The RFC 2342 "Shared Folders" namespace of public mailboxes over a real socket: NAMESPACE, a
 * mailbox readable by "anyone", refusals with {@code NO [NOPERM]}, names hidden without {@code l},
 * an account with the {@code a} right managing one, \Seen shared by every account. The per-command
 * rights checks run in {@link AclTest} for public mailboxes as for other accounts' ones.
 *
 * <p>Fixtures (the transcripts rely on them): "Announcements" (anyone {@code lr}, pub-manager
 * everything) holding one message; "Board" (pub-manager everything); "Hidden" (pub-reader {@code r}
 * only). They are removed afterwards: other tests of this JVM list every mailbox an account can see.
 */
class SharedFoldersTest extends ImapTestSupport {
    private static final String ALL = "lrswipkxtea";

    @Autowired
    PublicFolders publicFolders;
    @Autowired
    PublicFolderHolder holder;

    private Account reader;
    private Account manager;

    @BeforeAll
    void publicMailboxes() throws Exception {
        reader = account("pub-reader");
        manager = account("pub-manager");
        account("pub-other");
        publicFolders.create("Announcements", Map.of("anyone", "lr", manager.address(), ALL));
        publicFolders.create("Board", Map.of(manager.address(), ALL));
        publicFolders.create("Hidden", Map.of(reader.address(), "r"));
        append(publicMailbox("Announcements"), simpleMessage("ops@example.test", "Welcome", "Hello all."),
                Instant.parse("2026-12-01T10:00:00Z"));
    }

    @AfterAll
    void removePublicMailboxes() {
        publicFolders.list().stream().map(PublicFolders.PublicFolder::name).sorted(Comparator.reverseOrder())
                .forEach(publicFolders::delete);
    }

    @TestFactory
    Stream<DynamicTest> transcripts() {
        return Transcript.tests("transcripts/imap-shared-folders", listener -> server.port(listener == null ? "imap" : listener));
    }

    @Test
    void namesStayHiddenWithoutLookup() throws Exception {
        try (LineClient client = login(account("pub-stranger"))) {
            List<String> all = command(client, "a", "LIST \"\" *");
            assertThat(all).contains("* LIST (\\HasNoChildren) \"/\" \"Shared Folders/Announcements\"");
            assertThat(String.join("\n", all)).doesNotContain("Board", "Hidden");
            // without any right a public mailbox answers exactly as one that does not exist
            for (String probe : AclTest.PROBES) {
                List<String> missing = command(client, "p", probe.formatted("Shared Folders/Missing"));
                assertThat(missing).as(probe).last().asString().startsWith("p NO ");
                assertThat(command(client, "p", probe.formatted("Shared Folders/Board"))).as(probe).isEqualTo(missing);
            }
        }
        try (LineClient client = login(reader)) {
            // r without l: the mailbox opens but is never listed
            assertThat(String.join("\n", command(client, "a", "LIST \"\" \"Shared Folders/*\""))).doesNotContain("Hidden");
            assertThat(command(client, "b", "EXAMINE \"Shared Folders/Hidden\"")).last().asString()
                    .startsWith("b OK [READ-ONLY]");
        }
    }

    @Test
    void seenIsSharedByEveryAccount() throws Exception {
        publicFolders.create("Seen", Map.of("anyone", "lrs"));
        append(publicMailbox("Seen"), simpleMessage("ops@example.test", "Read me", "Once."), Instant.now());
        try (LineClient client = login(account("pub-seen-a"))) {
            assertThat(command(client, "a", "SELECT \"Shared Folders/Seen\"")).last().asString().startsWith("a OK [READ-WRITE]");
            assertThat(command(client, "b", "STORE 1 +FLAGS.SILENT (\\Seen)")).containsExactly("b OK STORE completed");
        }
        try (LineClient client = login(account("pub-seen-b"))) {
            assertThat(command(client, "a", "EXAMINE \"Shared Folders/Seen\"")).last().asString().startsWith("a OK");
            assertThat(command(client, "b", "FETCH 1 (FLAGS)")).containsExactly("* 1 FETCH (FLAGS (\\Seen))",
                    "b OK FETCH completed");
        }
        publicFolders.delete("Seen");
    }

    @Test
    void aMailboxOfAnAccountCannotBeNamedIntoTheNamespace() throws Exception {
        try (LineClient client = login(reader)) {
            assertThat(command(client, "a", "CREATE \"Shared Folders\"")).last().asString().startsWith("a NO [NOPERM]");
            assertThat(command(client, "b", "CREATE \"Shared Folders/Mine\"")).last().asString().startsWith("b NO [NOPERM]");
            assertThat(command(client, "c", "RENAME Drafts \"Shared Folders/Drafts\"")).last().asString()
                    .startsWith("c NO [NOPERM]");
        }
        assertThat(mailboxes.find(reader.id(), "Shared Folders/Mine")).isEmpty();
    }

    @Test
    void theHolderIsNoAccount() throws Exception {
        assertThat(directory.findAccount(PublicFolderHolder.ADDRESS)).isEmpty();
        try (LineClient client = connect()) {
            client.send("a STARTTLS");
            client.readUntil(line -> line.startsWith("a "));
            client.startTls(Transcript.trustAll());
            assertThat(command(client, "b", "LOGIN " + PublicFolderHolder.ADDRESS + " x")).last().asString()
                    .startsWith("b NO ");
        }
        try (LineClient client = login(manager)) {
            assertThat(command(client, "a", "SETACL \"Shared Folders/Board\" " + PublicFolderHolder.ADDRESS + " lr"))
                    .last().asString().startsWith("a NO [CANNOT]");
        }
    }

    private Mailbox publicMailbox(String name) {
        return mailboxes.require(holder.find().orElseThrow().id(), name);
    }
}
