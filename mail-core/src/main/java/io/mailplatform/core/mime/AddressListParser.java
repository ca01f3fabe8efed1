package io.mailplatform.core.mime;

import java.util.ArrayList;
import java.util.List;

/**
 * A lenient RFC 5322 §3.4 address-list parser producing IMAP ENVELOPE addresses with raw
 * components: display names unquoted but not RFC 2047-decoded, groups as start/end markers,
 * obsolete routes ({@code <@a,@b:x@y>}) as the adl. Junk is skipped up to the next comma; an
 * address without a domain gets {@link EnvelopeAddress#MISSING_DOMAIN}.
 */
final class AddressListParser {
    /** Addresses kept per field; more are ignored. */
    static final int MAX_ADDRESSES = 10_000;

    private static final int END = 0;
    private static final int ATOM = 1;
    private static final int QUOTED = 2;
    private static final int COMMENT = 3;
    private static final int LITERAL = 4;
    private static final int SPECIAL = 5;

    private final String s;
    private int pos;
    private int type;
    private String text;
    private char special;
    private int tokenCount;

    private AddressListParser(String s) {
        this.s = s;
    }

    static List<EnvelopeAddress> parse(String value) {
        if (value == null || value.isEmpty()) {
            return List.of();
        }
        AddressListParser parser = new AddressListParser(value);
        return parser.addressList();
    }

    private List<EnvelopeAddress> addressList() {
        List<EnvelopeAddress> out = new ArrayList<>();
        advance();
        while (type != END && out.size() < MAX_ADDRESSES) {
            int before = tokenCount;
            address(out, false);
            while (type != END && !isSpecial(',')) {
                advance(); // junk after an address
            }
            if (isSpecial(',')) {
                advance();
            }
            if (tokenCount == before) {
                advance();
            }
        }
        return out;
    }

    private void address(List<EnvelopeAddress> out, boolean inGroup) {
        StringBuilder phrase = new StringBuilder();
        StringBuilder raw = new StringBuilder();
        String comment = null;
        while (true) {
            switch (type) {
                case ATOM:
                case LITERAL:
                    appendWord(phrase, text);
                    raw.append(text);
                    advance();
                    continue;
                case QUOTED:
                    appendWord(phrase, text);
                    raw.append('"').append(text.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
                    advance();
                    continue;
                case COMMENT:
                    if (comment == null) {
                        comment = text;
                    }
                    advance();
                    continue;
                case SPECIAL:
                    if (special == '<') {
                        advance();
                        angleAddress(out, phrase.length() > 0 ? phrase.toString() : null, comment);
                        return;
                    }
                    if (special == ':' && !inGroup) {
                        advance();
                        group(out, phrase.toString());
                        return;
                    }
                    if (special == '@') {
                        advance();
                        addrSpec(out, raw.toString(), comment);
                        return;
                    }
                    if (special == ':') {
                        advance(); // a colon inside a group: junk
                        continue;
                    }
                    break;
                default:
                    break;
            }
            // ',' ';' '>' or the end: a bare word without '@'
            if (phrase.length() > 0) {
                out.add(new EnvelopeAddress(null, null, phrase.toString(), EnvelopeAddress.MISSING_DOMAIN));
            }
            return;
        }
    }

    private void addrSpec(List<EnvelopeAddress> out, String localPart, String comment) {
        StringBuilder domain = new StringBuilder();
        while (type == ATOM || type == LITERAL || type == COMMENT || type == QUOTED) {
            if (type == COMMENT) {
                if (comment == null) {
                    comment = text;
                }
            } else {
                domain.append(text);
            }
            advance();
        }
        out.add(new EnvelopeAddress(comment, null, orMissing(localPart, EnvelopeAddress.MISSING_MAILBOX),
                orMissing(domain.toString(), EnvelopeAddress.MISSING_DOMAIN)));
    }

    private void angleAddress(List<EnvelopeAddress> out, String name, String comment) {
        String route = null;
        if (isSpecial('@')) {
            // obs-route: "@a,@b:" (RFC 5322 §4.4), reported as the adl
            StringBuilder adl = new StringBuilder();
            while (type != END && !isSpecial(':') && !isSpecial('>')) {
                adl.append(type == SPECIAL ? String.valueOf(special) : type == COMMENT ? "" : text);
                advance();
            }
            if (isSpecial(':')) {
                advance();
                route = adl.toString();
            }
        }
        StringBuilder local = new StringBuilder();
        while (type == ATOM || type == QUOTED || type == LITERAL || type == COMMENT) {
            if (type == QUOTED) {
                local.append('"').append(text.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            } else if (type != COMMENT) {
                local.append(text);
            }
            advance();
        }
        StringBuilder domain = new StringBuilder();
        if (isSpecial('@')) {
            advance();
            while (type == ATOM || type == LITERAL || type == COMMENT || type == QUOTED) {
                if (type != COMMENT) {
                    domain.append(text);
                }
                advance();
            }
        }
        if (isSpecial('>')) {
            advance();
        }
        while (type == COMMENT) {
            if (comment == null) {
                comment = text;
            }
            advance();
        }
        String displayName = name != null ? name : comment;
        if (local.length() == 0 && domain.length() == 0 && displayName == null) {
            return; // "<>": the null path, no address
        }
        out.add(new EnvelopeAddress(displayName, route, orMissing(local.toString(), EnvelopeAddress.MISSING_MAILBOX),
                orMissing(domain.toString(), EnvelopeAddress.MISSING_DOMAIN)));
    }

    private void group(List<EnvelopeAddress> out, String name) {
        out.add(EnvelopeAddress.groupStart(name));
        while (type != END && out.size() < MAX_ADDRESSES) {
            if (isSpecial(';')) {
                advance();
                break;
            }
            if (isSpecial(',')) {
                advance();
                continue;
            }
            int before = tokenCount;
            address(out, true);
            if (tokenCount == before) {
                advance(); // junk such as a stray '>'
            }
        }
        out.add(EnvelopeAddress.groupEnd());
    }

    private static String orMissing(String value, String missing) {
        return value.isEmpty() ? missing : value;
    }

    private static void appendWord(StringBuilder phrase, String word) {
        if (phrase.length() > 0) {
            phrase.append(' ');
        }
        phrase.append(word);
    }

    private boolean isSpecial(char c) {
        return type == SPECIAL && special == c;
    }

    // ---- tokens --------------------------------------------------------------------------------

    private void advance() {
        tokenCount++;
        // blanks, and a stray ')' that closes no comment, separate tokens
        while (pos < s.length() && (isBlank(s.charAt(pos)) || s.charAt(pos) == ')')) {
            pos++;
        }
        if (pos >= s.length()) {
            type = END;
            text = null;
            return;
        }
        char c = s.charAt(pos);
        switch (c) {
            case '(':
                type = COMMENT;
                text = comment();
                return;
            case '"':
                type = QUOTED;
                text = quoted();
                return;
            case '[':
                type = LITERAL;
                int close = s.indexOf(']', pos);
                int end = close < 0 ? s.length() : close + 1;
                text = s.substring(pos, end);
                pos = end;
                return;
            case '<': case '>': case '@': case ',': case ';': case ':':
                type = SPECIAL;
                special = c;
                pos++;
                return;
            default:
                type = ATOM;
                int start = pos;
                while (pos < s.length() && !isDelimiter(s.charAt(pos))) {
                    pos++;
                }
                text = s.substring(start, pos);
        }
    }

    private String comment() {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        while (pos < s.length()) {
            char c = s.charAt(pos++);
            if (c == '\\' && pos < s.length()) {
                out.append(s.charAt(pos++));
                continue;
            }
            if (c == '(') {
                if (depth++ == 0) {
                    continue;
                }
            } else if (c == ')') {
                if (--depth == 0) {
                    break;
                }
            }
            out.append(c);
        }
        return out.toString().trim();
    }

    private String quoted() {
        StringBuilder out = new StringBuilder();
        pos++;
        while (pos < s.length()) {
            char c = s.charAt(pos++);
            if (c == '"') {
                break;
            }
            if (c == '\\' && pos < s.length()) {
                c = s.charAt(pos++);
            }
            out.append(c);
        }
        return out.toString();
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static boolean isDelimiter(char c) {
        switch (c) {
            case '(': case ')': case '"': case '[': case '<': case '>': case '@': case ',': case ';': case ':':
            case ' ': case '\t': case '\r': case '\n':
                return true;
            default:
                return false;
        }
    }
}
