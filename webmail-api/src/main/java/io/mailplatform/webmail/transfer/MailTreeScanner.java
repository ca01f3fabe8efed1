package io.mailplatform.webmail.transfer;

import io.mailplatform.store.mailbox.Mailbox;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the folders of an import source, in the layouts other servers and clients write:
 * <ul>
 * <li>a Maildir++ tree (Dovecot, Courier): the root is INBOX, {@code .Sent}, {@code .Lists.java} are
 * {@code Sent} and {@code Lists/java};</li>
 * <li>Maildirs in nested directories ({@code Projects/2024/cur}): the path is the name;</li>
 * <li>mbox files, alone or in a tree (Thunderbird's {@code Inbox}, {@code Sent.sbd/Old}, mutt's
 * {@code ~/Mail}): the path without {@code .mbox}/{@code .sbd} is the name; {@code Inbox} is INBOX.</li>
 * </ul>
 * A root that holds nothing but one directory (how archives are usually made) is looked into.
 * Symbolic links are not followed.
 */
public final class MailTreeScanner {
    private MailTreeScanner() {
    }

    public static List<MailFolder> scan(Path root, String singleFileMailbox) throws IOException {
        if (Files.isRegularFile(root, LinkOption.NOFOLLOW_LINKS)) {
            return isMbox(root) ? List.of(new MailFolder(singleFileMailbox, MailFolder.Format.MBOX, root)) : List.of();
        }
        Path base = root;
        while (true) {
            List<Path> children;
            try (Stream<Path> list = Files.list(base)) {
                children = list.filter(p -> !p.getFileName().toString().startsWith("._")).toList();
            }
            if (children.size() == 1 && Files.isDirectory(children.get(0), LinkOption.NOFOLLOW_LINKS) && !isMaildir(base)) {
                base = children.get(0);
            } else {
                break;
            }
        }
        List<MailFolder> folders = new ArrayList<>();
        boolean maildirPlusPlus = isMaildir(base);
        Path top = base;
        try (Stream<Path> walk = Files.walk(base)) {
            for (Path path : walk.sorted(Comparator.comparing(Path::toString)).toList()) {
                if (Files.isSymbolicLink(path)) {
                    continue;
                }
                if (Files.isDirectory(path) && isMaildir(path)) {
                    folders.add(new MailFolder(maildirName(top, path, maildirPlusPlus), MailFolder.Format.MAILDIR, path));
                } else if (Files.isRegularFile(path) && !insideMaildir(top, path) && isMbox(path)) {
                    folders.add(new MailFolder(mboxName(top, path), MailFolder.Format.MBOX, path));
                }
            }
        }
        return folders;
    }

    static boolean isMaildir(Path directory) {
        return Files.isDirectory(directory.resolve("cur"), LinkOption.NOFOLLOW_LINKS)
                || Files.isDirectory(directory.resolve("new"), LinkOption.NOFOLLOW_LINKS);
    }

    /** Whether a file lies in a Maildir's cur, new or tmp (a message, not an mbox file). */
    private static boolean insideMaildir(Path top, Path file) {
        for (Path dir = file.getParent(); dir != null && dir.startsWith(top); dir = dir.getParent()) {
            String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
            if ((name.equals("cur") || name.equals("new") || name.equals("tmp")) && dir.getParent() != null
                    && isMaildir(dir.getParent())) {
                return true;
            }
        }
        return false;
    }

    static boolean isMbox(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] start = in.readNBytes(5);
            return MboxReader.isFromLine(start);
        }
    }

    private static String maildirName(Path top, Path maildir, boolean maildirPlusPlus) {
        if (maildir.equals(top)) {
            return Mailbox.INBOX;
        }
        Path relative = top.relativize(maildir);
        String first = relative.getName(0).toString();
        if (maildirPlusPlus && relative.getNameCount() == 1 && first.startsWith(".") && first.length() > 1) {
            return inbox(first.substring(1).replace('.', Mailbox.DELIMITER));
        }
        return inbox(String.join(String.valueOf(Mailbox.DELIMITER),
                Arrays.stream(relative.toString().split("[/\\\\]")).map(MailTreeScanner::withoutSuffix).toList()));
    }

    private static String mboxName(Path top, Path file) {
        Path relative = top.relativize(file);
        return inbox(String.join(String.valueOf(Mailbox.DELIMITER),
                Arrays.stream(relative.toString().split("[/\\\\]")).map(MailTreeScanner::withoutSuffix).toList()));
    }

    private static String withoutSuffix(String name) {
        for (String suffix : new String[] {".sbd", ".mbox", ".mbx"}) {
            if (name.length() > suffix.length() && name.toLowerCase().endsWith(suffix)) {
                return name.substring(0, name.length() - suffix.length());
            }
        }
        return name;
    }

    private static String inbox(String name) {
        return name.equalsIgnoreCase(Mailbox.INBOX) ? Mailbox.INBOX : name;
    }
}
