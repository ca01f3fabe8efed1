package io.mailplatform.delivery.spf;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed macro-string (RFC 7208 §7.1): literal text and macro expansions, validated once at
 * parse time so that evaluation never meets a syntax error.
 */
final class MacroString {
    /** Letters valid everywhere; "c", "r" and "t" only in explanation text (RFC 7208 §7.2). */
    private static final String LETTERS = "slodiphv";
    private static final String EXPLANATION_LETTERS = "slodiphvcrt";
    private static final String DELIMITERS = ".-+,/_=";

    sealed interface Token {
    }

    /** Literal text; {@code macro} marks the escapes "%%", "%_", "%-", which count as macro-expand in the grammar. */
    record Literal(String text, boolean macro) implements Token {
    }

    /**
     * {@code %{letter digits r delimiters}}.
     *
     * @param letter the lower-case macro letter
     * @param urlEscape whether the letter was upper case (expansion is URL-escaped, RFC 7208 §7.3)
     * @param rightParts how many right-hand parts to keep, 0 for all
     * @param reverse whether to reverse the parts first
     * @param delimiters the characters to split on ("." when none given)
     */
    record Expand(char letter, boolean urlEscape, int rightParts, boolean reverse, String delimiters) implements Token {
    }

    private final List<Token> tokens;

    private MacroString(List<Token> tokens) {
        this.tokens = List.copyOf(tokens);
    }

    List<Token> tokens() {
        return tokens;
    }

    boolean isEmpty() {
        return tokens.isEmpty();
    }

    /** A domain-spec: a non-empty macro-string ending in a macro or in "." toplabel ["."] (RFC 7208 §7.1). */
    static MacroString domainSpec(String text) throws SpfSyntaxException {
        MacroString parsed = parse(text, false, false);
        if (parsed.tokens.isEmpty()) {
            throw new SpfSyntaxException("empty domain-spec");
        }
        Token last = parsed.tokens.get(parsed.tokens.size() - 1);
        if (last instanceof Literal literal && !literal.macro()) {
            String end = literal.text();
            if (end.endsWith(".")) {
                end = end.substring(0, end.length() - 1);
            }
            int dot = end.lastIndexOf('.');
            if (dot < 0 || !isTopLabel(end.substring(dot + 1))) {
                throw new SpfSyntaxException("domain-spec '" + text + "' does not end in a valid top label");
            }
        }
        return parsed;
    }

    /** The value of an unknown modifier: any syntactically valid macro-string. */
    static MacroString modifierValue(String text) throws SpfSyntaxException {
        return parse(text, false, true);
    }

    /** An explanation string (RFC 7208 §6.2): macro-strings and spaces, all macro letters allowed. */
    static MacroString explanation(String text) throws SpfSyntaxException {
        StringBuilder spaced = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != ' ' && (c < 0x21 || c > 0x7e)) {
                throw new SpfSyntaxException("explanation contains a character that is not visible ASCII");
            }
            spaced.append(c);
        }
        return parse(spaced.toString(), true, true);
    }

    private static MacroString parse(String text, boolean explanation, boolean anyLetter) throws SpfSyntaxException {
        List<Token> tokens = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '%') {
                if ((c < 0x21 || c > 0x7e) && !(explanation && c == ' ')) {
                    throw new SpfSyntaxException("invalid character 0x" + Integer.toHexString(c) + " in macro-string");
                }
                literal.append(c);
                i++;
                continue;
            }
            if (i + 1 >= text.length()) {
                throw new SpfSyntaxException("'%' at the end of a macro-string");
            }
            char next = text.charAt(i + 1);
            String escape = switch (next) {
                case '%' -> "%";
                case '_' -> " ";
                case '-' -> "%20";
                default -> null;
            };
            if (escape != null) {
                flush(tokens, literal);
                tokens.add(new Literal(escape, true));
                i += 2;
                continue;
            }
            if (next != '{') {
                throw new SpfSyntaxException("'%' must be followed by '{', '%', '_' or '-'");
            }
            int close = text.indexOf('}', i + 2);
            if (close < 0) {
                throw new SpfSyntaxException("unterminated macro");
            }
            flush(tokens, literal);
            tokens.add(expand(text.substring(i + 2, close), explanation || anyLetter));
            i = close + 1;
        }
        flush(tokens, literal);
        return new MacroString(tokens);
    }

    private static Expand expand(String body, boolean explanationLetters) throws SpfSyntaxException {
        if (body.isEmpty()) {
            throw new SpfSyntaxException("empty macro");
        }
        char letter = body.charAt(0);
        char lower = Character.toLowerCase(letter);
        String allowed = explanationLetters ? EXPLANATION_LETTERS : LETTERS;
        if (allowed.indexOf(lower) < 0 || letter > 0x7f) {
            throw new SpfSyntaxException("macro letter '" + letter + "' not allowed here");
        }
        int i = 1;
        int digitsStart = i;
        while (i < body.length() && Character.isDigit(body.charAt(i)) && body.charAt(i) < 0x80) {
            i++;
        }
        int rightParts = 0;
        if (i > digitsStart) {
            String digits = body.substring(digitsStart, i);
            rightParts = digits.length() > 3 ? 999 : Integer.parseInt(digits);
            if (rightParts == 0) {
                // RFC 7208 §7.3: a DIGIT transformer must be non-zero
                throw new SpfSyntaxException("macro transformer 0");
            }
        }
        boolean reverse = false;
        if (i < body.length() && (body.charAt(i) == 'r' || body.charAt(i) == 'R')) {
            reverse = true;
            i++;
        }
        String delimiters = body.substring(i);
        for (int d = 0; d < delimiters.length(); d++) {
            if (DELIMITERS.indexOf(delimiters.charAt(d)) < 0) {
                throw new SpfSyntaxException("invalid macro delimiter '" + delimiters.charAt(d) + "'");
            }
        }
        return new Expand(lower, Character.isUpperCase(letter), rightParts, reverse,
                delimiters.isEmpty() ? "." : delimiters);
    }

    private static void flush(List<Token> tokens, StringBuilder literal) {
        if (literal.length() > 0) {
            tokens.add(new Literal(literal.toString(), false));
            literal.setLength(0);
        }
    }

    /** toplabel = ( *alphanum ALPHA *alphanum ) / ( 1*alphanum "-" *( alphanum / "-" ) alphanum ). */
    static boolean isTopLabel(String label) {
        if (label.isEmpty() || label.startsWith("-") || label.endsWith("-")) {
            return false;
        }
        boolean alpha = false;
        boolean dash = false;
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            if (c == '-') {
                dash = true;
            } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
                alpha = true;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        return alpha || dash;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (Token token : tokens) {
            if (token instanceof Literal literal) {
                out.append(literal.text());
            } else {
                Expand e = (Expand) token;
                out.append("%{").append(e.urlEscape() ? Character.toUpperCase(e.letter()) : e.letter());
                if (e.rightParts() > 0) {
                    out.append(e.rightParts());
                }
                out.append(e.reverse() ? "r" : "").append(".".equals(e.delimiters()) ? "" : e.delimiters()).append('}');
            }
        }
        return out.toString();
    }
}
