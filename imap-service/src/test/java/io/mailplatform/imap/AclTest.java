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
     * (Without r, a selected mailbox is lost altogether: {@link #aRevokedReadRightDeselectsTheMailbox}.)
     */
    private static final String COMMANDS = """
            select          | l    | lr     | -       | SELECT "{box}"
            examine         | l    | lr     | -       | EXAMINE "{box}"
            status          | l    | lr     | -       | STATUS "{box}" (MESSAGES)
            append          | lr   | lri    | -       | APPEND "{box}" {message}
            multiappend     | lr   | lri    | -       | APPEND "{box}" {message} {message}
            copy-into       | lr   | lri    | INBOX   | COPY 1 "{box}"
            move-into       | lr   | lri    | INBOX   | MOVE 1 "{box}"
            store-seen      | lrw  | lrws   | "{box}" | STORE 1 +FLAGS (\\Seen)
            store-flagged   | lrs  | lrsw   | "{box}" | STORE 1 +FLAGS (\\Flagged)
            store-deleted   | lrs  | lrst   | "{box}" | STORE 1 -FLAGS (\\Deleted)
            store-replace   | lrsw | lrswt  | "{box}" | STORE 1 FLAGS (\\Deleted)
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
        Mailbox team = teamWithAMessage(owner);
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

    /**
     * The owner takes the r right away (SETACL in its own session, DELETEACL later) while two sessions of the
     * grantee have the mailbox selected: the idling one is told at once ({@code ACL_CHANGED} on
     * {@code mailbox.events}), the other with its next command; both are deselected and hear nothing more
     * of the mailbox.
     */
    @Test
    void aRevokedReadRightDeselectsTheMailbox() throws Exception {
        Account owner = account("acl-revoke-owner");
        Account grantee = account("acl-revoke-grantee");
        Mailbox team = teamWithAMessage(owner);
        String name = "\"Other Users/" + owner.address() + "/Team\"";
        String revoked = "* NO [NOPERM] The 'r' right on the selected mailbox was revoked";
        String closed = "* OK [CLOSED] The mailbox is no longer selected";
        try (LineClient ownerClient = login(owner); LineClient idler = login(grantee); LineClient busy = login(grantee)) {
            assertThat(command(ownerClient, "o1", "SETACL Team " + grantee.address() + " lrs"))
                    .containsExactly("o1 OK SETACL completed");
            assertThat(last(command(idler, "i1", "SELECT " + name))).startsWith("i1 OK");
            assertThat(last(command(busy, "b1", "SELECT " + name))).startsWith("b1 OK");
            idler.send("i2 IDLE");
            assertThat(idler.readLine()).isEqualTo("+ idling");

            assertThat(command(ownerClient, "o2", "SETACL Team " + grantee.address() + " -r"))
                    .containsExactly("o2 OK SETACL completed");
            assertThat(idler.readLine()).isEqualTo(revoked);
            assertThat(idler.readLine()).isEqualTo(closed);
            // new mail in the mailbox is no longer reported
            append(team, MESSAGE, Instant.now());
            idler.send("DONE");
            assertThat(idler.readLine()).isEqualTo("i2 OK IDLE terminated");
            assertThat(command(idler, "i3", "NOOP")).containsExactly("i3 OK NOOP completed");

            // the other session learns it before its next command, which then runs unselected
            List<String> fetch = command(busy, "b2", "FETCH 1 (FLAGS)");
            assertThat(fetch.subList(0, 2)).containsExactly(revoked, closed);
            assertThat(fetch).hasSize(3);
            assertThat(last(fetch)).startsWith("b2 BAD ");
            assertThat(last(command(busy, "b3", "SELECT " + name))).startsWith("b3 NO [NOPERM]");

            // DELETEACL does the same
            command(ownerClient, "o3", "SETACL Team " + grantee.address() + " lr");
            assertThat(last(command(busy, "b4", "EXAMINE " + name))).startsWith("b4 OK");
            assertThat(command(ownerClient, "o4", "DELETEACL Team " + grantee.address()))
                    .containsExactly("o4 OK DELETEACL completed");
            assertThat(command(busy, "b5", "NOOP")).containsExactly(revoked, closed, "b5 OK NOOP completed");
            // rights that keep r change nothing for a selected session
            command(ownerClient, "o5", "SETACL Team " + grantee.address() + " lrs");
            assertThat(last(command(busy, "b6", "SELECT " + name))).startsWith("b6 OK");
            command(ownerClient, "o6", "SETACL Team " + grantee.address() + " -s");
            assertThat(command(busy, "b7", "FETCH 1 (UID)")).containsExactly("* 1 FETCH (UID 1)", "b7 OK FETCH completed");
        }
    }

    /**
     * METADATA on a shared mailbox (RFC 5464 §3.2): with l and one of r s w i p, an account reads and writes
     * its entries; /shared entries are the same for everyone, /private ones each account's own.
     */
    @Test
    void metadataOfASharedMailbox() throws Exception {
        Account owner = account("acl-meta-owner");
        Account reader = account("acl-meta-reader");
        Account lookupOnly = account("acl-meta-lookup");
        Account stranger = account("acl-meta-stranger");
        Mailbox team = mailboxes.create(owner.id(), "Team");
        acl.set(team, reader.id(), Rights.parse("lr"));
        acl.set(team, lookupOnly.id(), Rights.parse("l"));
        String name = "\"Other Users/" + owner.address() + "/Team\"";
        try (LineClient client = login(owner)) {
            assertThat(command(client, "a", "SETMETADATA Team (/shared/comment \"Team inbox\" /private/comment \"mine\")"))
                    .containsExactly("a OK SETMETADATA completed");
        }
        try (LineClient client = login(reader)) {
            assertThat(command(client, "a", "GETMETADATA " + name + " (/shared/comment /private/comment)")).containsExactly(
                    "* METADATA " + name + " (/shared/comment \"Team inbox\" /private/comment NIL)",
                    "a OK GETMETADATA completed");
            assertThat(command(client, "b", "SETMETADATA " + name + " (/shared/comment \"Reviewed\" /private/comment \"theirs\")"))
                    .containsExactly("b OK SETMETADATA completed");
            assertThat(command(client, "c", "GETMETADATA " + name + " (/shared/comment /private/comment)")).containsExactly(
                    "* METADATA " + name + " (/shared/comment \"Reviewed\" /private/comment \"theirs\")",
                    "c OK GETMETADATA completed");
        }
        try (LineClient client = login(owner)) {
            assertThat(command(client, "a", "GETMETADATA Team (/shared/comment /private/comment)")).containsExactly(
                    "* METADATA Team (/shared/comment \"Reviewed\" /private/comment \"mine\")",
                    "a OK GETMETADATA completed");
        }
        try (LineClient client = login(lookupOnly)) {
            assertThat(last(command(client, "a", "GETMETADATA " + name + " /shared/comment"))).startsWith("a NO [NOPERM] ");
            assertThat(last(command(client, "b", "SETMETADATA " + name + " (/shared/comment \"x\")")))
                    .startsWith("b NO [NOPERM] ");
            assertThat(last(command(client, "c", "SETMETADATA " + name + " (/private/comment \"x\")")))
                    .startsWith("c NO [NOPERM] ");
        }
        try (LineClient client = login(stranger)) {
            assertThat(last(command(client, "a", "GETMETADATA " + name + " /shared/comment")))
                    .isEqualTo("a NO [NONEXISTENT] No such mailbox");
        }
        try (LineClient client = login(owner)) {
            assertThat(command(client, "a", "GETMETADATA Team /shared/comment")).containsExactly(
                    "* METADATA Team (/shared/comment \"Reviewed\")", "a OK GETMETADATA completed");
        }
    }

    private Mailbox teamWithAMessage(Account owner) {
        Mailbox team = mailboxes.create(owner.id(), "Team");
        append(team, MESSAGE, Instant.now());
        return team;
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
