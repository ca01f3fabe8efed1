package io.mailplatform.imap;

import io.mailplatform.store.directory.Account;
import io.mailplatform.testsupport.Transcript;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every transcript in {@code transcripts/imap} over a real socket. Each transcript logs in as
 * its own account, named after the file ({@code select.txt}: {@code select@example.test}, password
 * "secret pass"), whose INBOX holds the four {@link Fixtures} messages, UIDs 1 to 4.
 */
class ImapTranscriptTest extends ImapTestSupport {

    @TestFactory
    Stream<DynamicTest> transcripts() throws Exception {
        Path folder = Path.of(getClass().getClassLoader().getResource("transcripts/imap").toURI());
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(p -> p.toString().endsWith(".txt")).toList();
        }
        for (Path file : files) {
            String user = file.getFileName().toString().replace(".txt", "");
            if (directory.findAccount(user + "@" + DOMAIN).isEmpty()) {
                Account account = account(user);
                Fixtures.seed(mailboxes, inbox(account));
            }
        }
        return Transcript.tests("transcripts/imap", listener -> server.port(listener == null ? "imap" : listener));
    }
}
