package io.mailplatform.imap.session;

import java.util.ArrayList;
import java.util.List;

/** Splits an IMAP command line into atoms, quoted strings (unquoted) and parenthesized groups (kept whole). */
final class Tokens {
    private Tokens() {
    }

    static List<String> split(String line) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == ' ') {
                i++;
            } else if (c == '"') {
                StringBuilder value = new StringBuilder();
                i++;
                while (true) {
                    if (i >= line.length()) {
                        throw new IllegalArgumentException("Unterminated quoted string");
                    }
                    char q = line.charAt(i++);
                    if (q == '\\' && i < line.length()) {
                        value.append(line.charAt(i++));
                    } else if (q == '"') {
                        break;
                    } else {
                        value.append(q);
                    }
                }
                tokens.add(value.toString());
            } else if (c == '(') {
                int depth = 0;
                int start = i;
                for (; i < line.length(); i++) {
                    if (line.charAt(i) == '(') {
                        depth++;
                    } else if (line.charAt(i) == ')' && --depth == 0) {
                        break;
                    }
                }
                if (depth != 0) {
                    throw new IllegalArgumentException("Unbalanced parentheses");
                }
                tokens.add(line.substring(start, ++i));
            } else {
                int start = i;
                int depth = 0;
                while (i < line.length() && (line.charAt(i) != ' ' || depth > 0)) {
                    if (line.charAt(i) == '[') {
                        depth++;
                    } else if (line.charAt(i) == ']') {
                        depth--;
                    }
                    i++;
                }
                tokens.add(line.substring(start, i));
            }
        }
        return tokens;
    }

    static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
