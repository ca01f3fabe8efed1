package io.mailplatform.webmail.transfer;

import java.util.LinkedHashMap;
import java.util.Map;

/** Dovecot's {@code dovecot-keywords} file: one {@code index name} per line, index 0 being letter {@code a}. */
public final class DovecotKeywords {
    public static final String FILE_NAME = "dovecot-keywords";

    private DovecotKeywords() {
    }

    /** Index to keyword; lines that are not {@code number SP name} are skipped. */
    public static Map<Integer, String> parse(String text) {
        Map<Integer, String> keywords = new LinkedHashMap<>();
        for (String line : text.split("\r?\n")) {
            int space = line.indexOf(' ');
            if (space <= 0 || space == line.length() - 1) {
                continue;
            }
            try {
                keywords.put(Integer.parseInt(line.substring(0, space)), line.substring(space + 1).strip());
            } catch (NumberFormatException e) {
                // not a keyword line
            }
        }
        return keywords;
    }

    /** The file for these keywords, in index order. */
    public static String format(Map<String, Integer> index) {
        StringBuilder out = new StringBuilder();
        index.entrySet().stream().sorted(Map.Entry.comparingByValue())
                .forEach(entry -> out.append(entry.getValue()).append(' ').append(entry.getKey()).append('\n'));
        return out.toString();
    }
}
