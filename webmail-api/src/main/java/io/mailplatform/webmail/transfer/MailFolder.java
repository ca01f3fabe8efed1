package io.mailplatform.webmail.transfer;

import java.nio.file.Path;

/**
 * One folder found in an import source.
 *
 * @param mailbox the mailbox it goes to ('/' as hierarchy delimiter)
 * @param format how its messages are kept
 * @param path the mbox file, or the Maildir directory (with {@code cur} and {@code new})
 */
public record MailFolder(String mailbox, Format format, Path path) {

    public enum Format { MBOX, MAILDIR }
}
