package io.mailplatform.pop3.parse;

import io.mailplatform.core.text.ClientText;
import io.mailplatform.pop3.command.MessageNumber;

/**
 * A cursor over the arguments of one command line (RFC 1939 §3: arguments separated by a single
 * space; runs of spaces are tolerated). Methods are named after what they read.
 */
final class Pop3Arguments {
    private final String keyword;
    private final String text;
    private int position;

    Pop3Arguments(String keyword, String text) {
        this.keyword = keyword;
        this.text = text;
    }

    /** The next space-separated word, or null when there is none. */
    String optionalWord() {
        while (position < text.length() && text.charAt(position) == ' ') {
            position++;
        }
        if (position == text.length()) {
            return null;
        }
        int start = position;
        while (position < text.length() && text.charAt(position) != ' ') {
            position++;
        }
        return text.substring(start, position);
    }

    String word(String what) throws Pop3SyntaxException {
        String word = optionalWord();
        if (word == null) {
            throw new Pop3SyntaxException(keyword + " needs " + what);
        }
        return word;
    }

    /** Everything after the keyword's separating space, verbatim (PASS: passwords may contain spaces). */
    String rest(String what) throws Pop3SyntaxException {
        if (text.isEmpty()) {
            throw new Pop3SyntaxException(keyword + " needs " + what);
        }
        position = text.length();
        return text;
    }

    MessageNumber messageNumber() throws Pop3SyntaxException {
        return messageNumber(word("a message number"));
    }

    MessageNumber optionalMessageNumber() throws Pop3SyntaxException {
        String word = optionalWord();
        return word == null ? null : messageNumber(word);
    }

    /** A non-negative decimal number (RFC 1939 §7, TOP's line count); {@code what} names it with its article. */
    int number(String what) throws Pop3SyntaxException {
        String word = word(what);
        if (!isDigits(word)) {
            throw new Pop3SyntaxException("Invalid " + what.substring(what.indexOf(' ') + 1) + ": " + ClientText.excerpt(word));
        }
        try {
            return Integer.parseInt(word);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    /** Requires that nothing but spaces is left. */
    void end() throws Pop3SyntaxException {
        if (optionalWord() != null) {
            throw new Pop3SyntaxException("Too many arguments for " + keyword);
        }
    }

    private static MessageNumber messageNumber(String word) throws Pop3SyntaxException {
        if (!isDigits(word)) {
            throw new Pop3SyntaxException("Invalid message number: " + ClientText.excerpt(word));
        }
        try {
            int value = Integer.parseInt(word);
            if (value >= 1) {
                return new MessageNumber(value);
            }
        } catch (NumberFormatException e) {
            // more digits than any maildrop has messages: the same answer as 0
        }
        throw new Pop3SyntaxException("Invalid message number: " + ClientText.excerpt(word));
    }

    private static boolean isDigits(String word) {
        if (word.isEmpty()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (word.charAt(i) < '0' || word.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
