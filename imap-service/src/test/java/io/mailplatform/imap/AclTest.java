package io.mailplatform.imap;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.store.acl.MailboxAccess;
import io.mailplatform.store.acl.MailboxAcl;
import io.mailplatform.store.acl.PublicFolderHolder;
import io.mailplatform.store.acl.PublicFolders;
import io.mailplatform.store.acl.Rights;
import io.mailplatform.store.directory.Account;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.store.mailbox.MailboxAdmin;
import io.mailplatform.testsupport.LineClient;
import io.mailplatform.testsupport.Transcript;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Shared folders (RFC 4314 ACL in the RFC 2342 "Other Users/" namespace) over a real socket: the
 * RFC's examples as a transcript, every mailbox-reaching command refused with {@code NO [NOPERM]}
 * without its right and done with it, names never shown without the {@code l} right, and IDLE on
 * a shared mailbox hearing the owner's new mail.
 */
class AclTest extends ImapTestSupport {
    /** A message as the store's helpers take it ("\n" line ends) and as an APPEND literal. */
    private static final String MESSAGE = "Subject: shared\n\nhello\n";
    private static final String LITERAL = "Subject: shared\r\n\r\nhello";

    @Autowired
    MailboxAcl acl;
    @Autowired
    MailboxAdmin admin;
    @Autowired
    PublicFolders publicFolders;
    @Autowired
    PublicFolderHolder holder;

    @BeforeAll
    void rfcAccounts() throws Exception {
        Account owner = account("acl-rfc");
        mailboxes.find(owner.id(), "INBOX/Drafts").ifPresent(admin::delete);
        for (String name : List.of("fred", "chris", "smith")) {
            account(name);
        }
    }

    @TestFactory
    Stream<DynamicTest> rfc4314Examples() {
        return Transcript.tests("transcripts/imap-acl", listener -> server.port(listener == null ? "imap" : listener));
    }

    /**
     * Each row: the grantee's rights on the mailbox "{box}" and its child "{box}/Child" without the
     * right the command needs, then with it; the mailbox selected first (with the second rights),
     * the command. Every row runs on another account's mailbox ("Other Users/owner/Shared") and on a
     * public one ("Shared Folders/..."), whose rights are checked the same way. A refusal changes nothing.
     */
    private static final String COMMANDS = """
            select          | l    | lr     | -       | SELECT "{box}"
            examine         | l    | lr     | -       | EXAMINE "{box}"
            status          | l    | lr     | -       | STATUS "{box}" (MESSAGES)
            append          | lr   | lri    | -       | APPEND "{box}" {message}
            multiappend     | lr   | lri    | -       | APPEND "{box}" {message} {message}
            copy-into       | lr   | lri    | INBOX   | COPY 1 "{box}"
            move-into       | lr   | lri    | INBOX   | MOVE 1 "{box}"
            fetch           | l    | lr     | "{box}" | FETCH 1 (FLAGS)
            search          | l    | lr     | "{box}" | SEARCH ALL
            store-seen      | lrw  | lrws   | "{box}" | STORE 1 +FLAGS (\\Seen)
            store-flagged   | lrs  | lrsw   | "{box}" | STORE 1 +FLAGS (\\Flagged)
            store-deleted   | lrs  | lrst   | "{box}" | STORE 1 -FLAGS (\\Deleted)
            store-replace   | lrsw | lrswt  | "{box}" | STORE 1 FLAGS (\\Deleted)
            copy-out        | l    | lr     | "{box}" | COPY 1 INBOX
            move-out        | lrs  | lrste  | "{box}" | MOVE 1 INBOX
            expunge         | lrst | lrste  | "{box}" | EXPUNGE
            uid-expunge     | lrst | lrste  | "{box}" | UID EXPUNGE 1
            create          | lr   | lrk    | -       | CREATE "{box}/New"
            delete          | lr   | lrx    | -       | DELETE "{box}/Child"
            rename-no-x     | lrk  | lrkx   | -       | RENAME "{box}/Child" "{box}/Moved"
            rename-no-k     | lrx  | lrkx   | -       | RENAME "{box}/Child" "{box}/Moved"
            getacl          | lr   | lra    | -       | GETACL "{box}"
            setacl          | lr   | lra    | -       | SETACL "{box}" smith@example.test lr
            deleteacl       | lr   | lra    | -       | DELETEACL "{box}" smith@example.test
            listrights      | lr   | lra    | -       | LISTRIGHTS "{box}" smith@example.test
            """;

    static Stream<Arguments> commands() {
        return Stream.of(false, true).flatMap(publicFolder -> COMMANDS.lines().map(row -> {
            String[] cells = row.split("\\|", -1);
            Object[] arguments = new Object[6];
            arguments[0] = publicFolder;
            for (int i = 0; i < cells.length; i++) {
                String cell = cells[i].strip();
                arguments[i + 1] = cell.equals("-") ? null : cell;
            }
            return Arguments.of(arguments);
        }));
    }

    @ParameterizedTest(name = "{1} (public: {0})")
    @MethodSource("commands")
    void everyCommandNeedsItsRight(boolean publicFolder, String name, String without, String with, String select,
            String command) throws Exception {
        String prefix = "acl-" + name + (publicFolder ? "-public" : "");
        Account grantee = account(prefix + "-grantee");
        Account owner;
        String ownerName;
        if (publicFolder) {
            ownerName = prefix;
            publicFolders.create(ownerName + "/Child", Map.of());
            owner = holder.find().orElseThrow();
        } else {
            ownerName = "Shared";
            owner = account(prefix + "-owner");
            mailboxes.create(owner.id(), "Shared");
            mailboxes.create(owner.id(), "Shared/Child");
        }
        Mailbox shared = mailboxes.require(owner.id(), ownerName);
        Mailbox child = mailboxes.require(owner.id(), ownerName + "/Child");
        String box = MailboxAccess.nameFor(grantee, owner, ownerName);
        append(shared, MESSAGE, Instant.now(), "\\Deleted");
        append(inbox(grantee), MESSAGE, Instant.now());
        String text = command.replace("{box}", box)
                .replace("{message}", "{" + LITERAL.length() + "+}\r\n" + LITERAL);
        try (LineClient client = login(grantee)) {
            if (select != null) {
                grant(with, grantee, shared, child);
                assertThat(last(command(client, "s", "SELECT " + select.replace("{box}", box)))).startsWith("s OK");
            }
            grant(without, grantee, shared, child);
            List<String> before = state(owner, grantee);
            assertThat(last(command(client, "a", text))).startsWith("a NO [NOPERM] ");
            assertThat(state(owner, grantee)).isEqualTo(before);

            grant(with, grantee, shared, child);
            assertThat(last(command(client, "b", text))).startsWith("b OK");
        }
    }

    /** Deletes every public mailbox, inferiors first. */
    @AfterAll
    void deletePublicFolders() {
        publicFolders.list().stream().map(PublicFolders.PublicFolder::name).sorted(Comparator.reverseOrder())
                .forEach(publicFolders::delete);
    }

    /** Commands on a mailbox name ("%s"), each of which must answer alike for a hidden and a missing mailbox. */
    static final List<String> PROBES = List.of("STATUS \"%s\" (MESSAGES)", "SELECT \"%s\"", "EXAMINE \"%s\"",
            "GETACL \"%s\"", "MYRIGHTS \"%s\"", "LISTRIGHTS \"%s\" anyone", "DELETE \"%s\"", "RENAME \"%s\" \"Other Users/x/y\"",
            "APPEND \"%s\" {1+}\r\nx", "SETACL \"%s\" anyone lr", "DELETEACL \"%s\" anyone", "CREATE \"%s/Sub\"");

    @Test
    void anAccountNeverSeesAnothersMailboxNamesWithoutLookup() throws Exception {
        Account owner = account("acl-names-owner");
        Account grantee = account("acl-names-grantee");
        Account stranger = account("acl-names-stranger");
        Mailbox secret = mailboxes.create(owner.id(), "Secret");
        Mailbox readable = mailboxes.create(owner.id(), "Readable");
        Mailbox team = mailboxes.create(owner.id(), "Team");
        mailboxes.create(owner.id(), "Team/Hidden");
        acl.set(readable, grantee.id(), Rights.parse("r"));
        acl.set(team, grantee.id(), Rights.parse("lr"));
        acl.set(secret, stranger.id(), Rights.parse("lr"));
        String prefix = "\"Other Users/" + owner.address() + "/";
        String bare = "Other Users/" + owner.address() + "/";
        try (LineClient client = login(grantee)) {
            List<String> all = command(client, "a", "LIST \"\" *");
            // Team has an inferior the grantee may not see: it has no children as far as the grantee knows
            assertThat(all).anyMatch(line -> line.equals("* LIST (\\HasNoChildren) \"/\" " + prefix + "Team\""));
            assertThat(String.join("\n", all)).doesNotContain("Secret", "Readable", "Hidden");
            assertThat(command(client, "b", "LIST \"\" \"Other Users/%\"")).containsExactly(
                    "* LIST (\\Noselect \\HasChildren) \"/\" \"Other Users/" + owner.address() + "\"", "b OK LIST completed");
            assertThat(command(client, "c", "LIST \"\" \"Other Users/*\" RETURN (MYRIGHTS)")).containsExactly(
                    "* LIST (\\HasNoChildren) \"/\" " + prefix + "Team\"",
                    "* MYRIGHTS " + prefix + "Team\" lr",
                    "c OK LIST completed");
            assertThat(String.join("\n", command(client, "d", "LSUB \"\" *"))).doesNotContain("Secret");
            // without any right a mailbox answers exactly as one that does not exist
            for (String probe : PROBES) {
                List<String> missing = command(client, "p", probe.formatted(bare + "Missing"));
                assertThat(missing).as(probe).last().asString().startsWith("p NO ");
                assertThat(command(client, "p", probe.formatted(bare + "Secret"))).as(probe).isEqualTo(missing);
                assertThat(command(client, "p", probe.formatted(bare + "Team/Hidden"))).as(probe).isEqualTo(missing);
            }
            // rights are independent: r without l selects a mailbox the account cannot list
            assertThat(last(command(client, "e", "EXAMINE " + prefix + "Readable\""))).startsWith("e OK [READ-ONLY]");
            assertThat(command(client, "f", "NAMESPACE")).containsExactly(
                    "* NAMESPACE ((\"\" \"/\")) ((\"Other Users/\" \"/\")) ((\"Shared Folders/\" \"/\"))", "f OK NAMESPACE completed");
        }
        try (LineClient client = login(account("acl-names-nobody"))) {
            assertThat(String.join("\n", command(client, "a", "LIST \"\" *"))).doesNotContain("Other Users", owner.address());
        }
    }

    @Test
    void theOwnerKeepsEveryRightAndSeesGrantsAsGranted() throws Exception {
        Account owner = account("acl-owner-self");
        Account grantee = account("acl-owner-grantee");
        Mailbox box = mailboxes.create(owner.id(), "Project");
        try (LineClient client = login(owner)) {
            assertThat(last(command(client, "a", "SETACL Project acl-owner-self@example.test \"\""))).startsWith("a NO [CANNOT]");
            assertThat(last(command(client, "b", "SETACL Project anyone \"\""))).isEqualTo("b OK SETACL completed");
            assertThat(last(command(client, "c", "SETACL Project acl-owner-grantee@example.test lrs"))).isEqualTo("c OK SETACL completed");
            assertThat(command(client, "d", "MYRIGHTS Project")).containsExactly("* MYRIGHTS Project lrswipkxteacd",
                    "d OK MYRIGHTS completed");
            assertThat(last(command(client, "e", "SELECT Project"))).startsWith("e OK [READ-WRITE]");
            // the "Other Users" namespace holds other accounts' mailboxes, never one of the account's own
            assertThat(last(command(client, "f", "CREATE \"Other Users\""))).startsWith("f NO [NOPERM]");
            assertThat(last(command(client, "g", "CREATE \"Other Users/Mine\""))).startsWith("g NO [NOPERM]");
            assertThat(last(command(client, "h", "RENAME Project \"Other Users/Project\""))).startsWith("h NO [NOPERM]");
        }
        assertThat(acl.rightsOf(box.id(), grantee.id())).isEqualTo(Rights.parse("lrs"));
        try (LineClient client = login(grantee)) {
            String name = "\"Other Users/acl-owner-self@example.test/Project\"";
            assertThat(command(client, "a", "MYRIGHTS " + name)).containsExactly("* MYRIGHTS " + name + " lrs",
                    "a OK MYRIGHTS completed");
            // a grantee without the a right cannot give itself more
            assertThat(last(command(client, "b", "SETACL " + name + " acl-owner-grantee@example.test +a")))
                    .startsWith("b NO [NOPERM]");
        }
    }

    @Test
    void anIdlingGranteeHearsOfTheOwnersNewMail() throws Exception {
        Account owner = account("acl-idle-owner");
        Account grantee = account("acl-idle-grantee");
        Mailbox team = mailboxes.create(owner.id(), "Team");
        append(team, MESSAGE, Instant.now());
        acl.set(team, grantee.id(), Rights.parse("lrs"));
        try (LineClient client = login(grantee)) {
            List<String> selected = command(client, "s", "SELECT \"Other Users/" + owner.address() + "/Team\"");
            assertThat(last(selected)).startsWith("s OK [READ-WRITE]");
            // with s alone, \Seen is the only flag the grantee may keep (RFC 4314 §4)
            assertThat(selected).contains("* OK [PERMANENTFLAGS (\\Seen)] Flags permitted");
            client.send("i IDLE");
            assertThat(client.readLine()).startsWith("+ ");
            append(team, MESSAGE, Instant.now());
            assertThat(client.readUntil(line -> line.endsWith(" EXISTS"))).last().isEqualTo("* 2 EXISTS");
            client.send("DONE");
            assertThat(client.readUntil(line -> line.startsWith("i "))).last().isEqualTo("i OK IDLE terminated");
        }
    }

    private void grant(String rights, Account grantee, Mailbox... boxes) {
        for (Mailbox box : boxes) {
            acl.set(box, grantee.id(), Rights.parse(rights));
        }
    }

    /** The owner's mailboxes with their messages and flags, and the grantee's INBOX. */
    private List<String> state(Account owner, Account grantee) {
        List<String> state = new ArrayList<>();
        for (Mailbox box : mailboxes.mailboxes(owner.id())) {
            state.add(box.name() + " " + mailboxes.messages(box).stream().map(m -> m.uid() + m.flags().names().toString()).toList());
        }
        state.add("grantee INBOX " + mailboxes.messages(inbox(grantee)).stream().map(m -> m.uid() + m.flags().names().toString()).toList());
        return state;
    }

    private static String last(List<String> lines) {
        return lines.get(lines.size() - 1);
    }
}
