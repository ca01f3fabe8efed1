package io.mailplatform.webmail.transfer;

import io.mailplatform.store.mailbox.MessageFlags;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A Maildir file name (https://cr.yp.to/proto/maildir.html): {@code time.unique.host}, then for files
 * in {@code cur} the info {@code :2,} and flag letters in ASCII order: D draft, F flagged, P passed
 * (kept as the {@code $Forwarded} keyword), R replied, S seen, T trashed; Dovecot adds lower-case
 * letters {@code a}..{@code z} for the keywords listed in the folder's {@code dovecot-keywords} file.
 */
public final class MaildirInfo {
    public static final String FORWARDED = "$Forwarded";

    private MaildirInfo() {
    }

    /**
     * The flags of a file name; a file without info (one in {@code new}) has none.
     *
     * @param keywords Dovecot's keyword index (letter {@code a} is 0) to name; keywords whose letter is
     *        not in it are dropped
     */
    public static MessageFlags flags(String fileName, Map<Integer, String> keywords) {
        int info = infoStart(fileName);
        if (info < 0) {
            return MessageFlags.NONE;
        }
        int system = 0;
        Set<String> names = new TreeSet<>();
        for (int i = info; i < fileName.length(); i++) {
            char c = fileName.charAt(i);
            switch (c) {
                case 'D' -> system |= MessageFlags.DRAFT;
                case 'F' -> system |= MessageFlags.FLAGGED;
                case 'P' -> names.add(FORWARDED);
                case 'R' -> system |= MessageFlags.ANSWERED;
                case 'S' -> system |= MessageFlags.SEEN;
                case 'T' -> system |= MessageFlags.DELETED;
                default -> {
                    if (c >= 'a' && c <= 'z' && keywords.containsKey(c - 'a')) {
                        names.add(keywords.get(c - 'a'));
                    }
                }
            }
        }
        return new MessageFlags(system, names);
    }

    /** Where the flag letters start (after {@code :2,}, or {@code ;2,} as some Windows tools write), or -1. */
    private static int infoStart(String fileName) {
        for (String marker : new String[] {":2,", ";2,", "!2,"}) {
            int at = fileName.lastIndexOf(marker);
            if (at >= 0) {
                return at + marker.length();
            }
        }
        return -1;
    }

    /** The delivery time at the start of the name ({@code 1700000000.M1P2.host}), or null when it has none. */
    public static Instant timestamp(String fileName) {
        int end = 0;
        while (end < fileName.length() && Character.isDigit(fileName.charAt(end))) {
            end++;
        }
        if (end == 0 || end > 12 || end == fileName.length() || fileName.charAt(end) != '.') {
            return null;
        }
        return Instant.ofEpochSecond(Long.parseLong(fileName.substring(0, end)));
    }

    /**
     * The info letters for these flags, in ASCII order as the specification asks.
     *
     * @param keywordIndex a keyword's index in the folder's {@code dovecot-keywords} (must hold each keyword
     *        of {@code flags}, except {@link #FORWARDED}); at most 26 keywords have letters, others are dropped
     */
    public static String info(MessageFlags flags, Map<String, Integer> keywordIndex) {
        StringBuilder letters = new StringBuilder(":2,");
        appendIf(letters, flags, MessageFlags.DRAFT, 'D');
        appendIf(letters, flags, MessageFlags.FLAGGED, 'F');
        if (flags.keywords().contains(FORWARDED)) {
            letters.append('P');
        }
        appendIf(letters, flags, MessageFlags.ANSWERED, 'R');
        appendIf(letters, flags, MessageFlags.SEEN, 'S');
        appendIf(letters, flags, MessageFlags.DELETED, 'T');
        Set<Character> keywordLetters = new TreeSet<>();
        for (String keyword : flags.keywords()) {
            Integer index = keywordIndex.get(keyword);
            if (index != null && index < 26) {
                keywordLetters.add((char) ('a' + index));
            }
        }
        keywordLetters.forEach(letters::append);
        return letters.toString();
    }

    private static void appendIf(StringBuilder out, MessageFlags flags, int bit, char letter) {
        if ((flags.system() & bit) != 0) {
            out.append(letter);
        }
    }
}
