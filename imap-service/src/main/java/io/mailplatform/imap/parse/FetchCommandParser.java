package io.mailplatform.imap.parse;

import io.mailplatform.imap.command.MessageCommands;
import io.mailplatform.imap.command.SequenceSet;
import io.mailplatform.imap.fetch.BinarySection;
import io.mailplatform.imap.fetch.BinarySize;
import io.mailplatform.imap.fetch.BodySection;
import io.mailplatform.imap.fetch.FetchItem;
import io.mailplatform.imap.fetch.FetchItem.Attribute;
import io.mailplatform.imap.fetch.Partial;
import io.mailplatform.imap.fetch.Section;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * [UID] FETCH (RFC 9051 §6.4.5 and §9 {@code fetch-att}, {@code section}, {@code partial}), with the
 * IMAP4rev1 items RFC822, RFC822.HEADER and RFC822.TEXT, and MODSEQ with the modifiers of RFC 7162.
 */
final class FetchCommandParser {
    private static final int MAX_ITEMS = 100;
    private static final int MAX_PART_DEPTH = 100;
    private static final int MAX_FIELDS = 500;

    private FetchCommandParser() {
    }

    static void register(Map<String, CommandParser> table, SequenceSetParser sets) {
        for (boolean uid : new boolean[] {false, true}) {
            table.put(uid ? "UID FETCH" : "FETCH", (tag, c) -> {
                SequenceSet set = MessageCommandParsers.spSequenceSet(c, sets);
                c.sp();
                List<FetchItem> items = items(c);
                CondStoreParsers.FetchModifiers modifiers = CondStoreParsers.fetchModifiers(c, uid);
                return new MessageCommands.Fetch(tag, uid, set, items, modifiers.changedSince(), modifiers.vanished());
            });
        }
    }

    static List<FetchItem> items(ImapCursor c) {
        if (c.take('(')) {
            List<FetchItem> items = new ArrayList<>();
            do {
                if (items.size() == MAX_ITEMS) {
                    throw c.error("Too many FETCH items");
                }
                items.add(fetchAtt(c));
            } while (c.space());
            c.expect(')');
            return items;
        }
        String name = peekName(c);
        switch (name) {
            case "ALL":
                c.takeKeyword(name);
                return FetchItem.all();
            case "FAST":
                c.takeKeyword(name);
                return FetchItem.fast();
            case "FULL":
                c.takeKeyword(name);
                return FetchItem.full();
            default:
                return List.of(fetchAtt(c));
        }
    }

    private static String peekName(ImapCursor c) {
        return c.takeWhileNoAdvance(ch -> Character.isLetterOrDigit(ch) || ch == '.').toUpperCase(java.util.Locale.ROOT);
    }

    static FetchItem fetchAtt(ImapCursor c) {
        String name = c.takeWhile(ch -> Character.isLetterOrDigit(ch) || ch == '.').toUpperCase(java.util.Locale.ROOT);
        boolean bracket = c.peek() == '[';
        switch (name) {
            case "FLAGS":
                return simple(c, bracket, Attribute.FLAGS);
            case "UID":
                return simple(c, bracket, Attribute.UID);
            case "MODSEQ":
                return simple(c, bracket, Attribute.MODSEQ);
            case "INTERNALDATE":
                return simple(c, bracket, Attribute.INTERNALDATE);
            case "SAVEDATE":
                return simple(c, bracket, Attribute.SAVEDATE);
            case "PREVIEW":
                noBracket(c, bracket);
                return preview(c);
            case "EMAILID":
                return simple(c, bracket, Attribute.EMAILID);
            case "THREADID":
                return simple(c, bracket, Attribute.THREADID);
            case "RFC822.SIZE":
                return simple(c, bracket, Attribute.RFC822_SIZE);
            case "ENVELOPE":
                return simple(c, bracket, Attribute.ENVELOPE);
            case "BODYSTRUCTURE":
                return simple(c, bracket, Attribute.BODYSTRUCTURE);
            case "RFC822":
                noBracket(c, bracket);
                return new BodySection(Section.WHOLE, false, null, BodySection.Alias.RFC822);
            case "RFC822.HEADER":
                noBracket(c, bracket);
                return new BodySection(Section.of(Section.Text.HEADER), true, null, BodySection.Alias.RFC822_HEADER);
            case "RFC822.TEXT":
                noBracket(c, bracket);
                return new BodySection(Section.of(Section.Text.TEXT), false, null, BodySection.Alias.RFC822_TEXT);
            case "BODY":
                if (!bracket) {
                    return Attribute.BODY;
                }
                return BodySection.of(section(c), false, partial(c));
            case "BODY.PEEK":
                if (!bracket) {
                    throw c.error("BODY.PEEK needs a section");
                }
                return BodySection.of(section(c), true, partial(c));
            case "BINARY":
            case "BINARY.PEEK":
                if (!bracket) {
                    throw c.error(name + " needs a section");
                }
                return new BinarySection(sectionBinary(c), name.endsWith(".PEEK"), partial(c));
            case "BINARY.SIZE":
                if (!bracket) {
                    throw c.error("BINARY.SIZE needs a section");
                }
                return new BinarySize(sectionBinary(c));
            default:
                throw c.error("Unknown FETCH item " + (name.isEmpty() ? "" : name));
        }
    }

    /**
     * {@code "PREVIEW" [SP "(" preview-mod *(SP preview-mod) ")"]}, {@code preview-mod = "LAZY"} (RFC 8970 §6).
     * A list that does not start with LAZY is not PREVIEW's: it is the FETCH modifiers
     * ({@code FETCH 1 PREVIEW (CHANGEDSINCE 5)}).
     */
    private static FetchItem preview(ImapCursor c) {
        if (!c.takePrefix(" (LAZY")) {
            return new FetchItem.Preview(false);
        }
        while (c.takePrefix(" LAZY")) {
            // repeating the modifier changes nothing
        }
        c.expect(')');
        return new FetchItem.Preview(true);
    }

    private static FetchItem simple(ImapCursor c, boolean bracket, Attribute attribute) {
        noBracket(c, bracket);
        return attribute;
    }

    private static void noBracket(ImapCursor c, boolean bracket) {
        if (bracket) {
            throw c.error("This FETCH item takes no section");
        }
    }

    /** {@code section = "[" [section-spec] "]"}. */
    static Section section(ImapCursor c) {
        c.expect('[');
        if (c.take(']')) {
            return Section.WHOLE;
        }
        List<Integer> part = new ArrayList<>();
        Section.Text text = Section.Text.NONE;
        List<String> fields = List.of();
        while (true) {
            int next = c.peek();
            if (next >= '0' && next <= '9') {
                if (part.size() == MAX_PART_DEPTH) {
                    throw c.error("Part specifier too deep");
                }
                part.add(partNumber(c));
                if (c.take('.')) {
                    continue;
                }
                break;
            }
            String keyword = c.takeWhile(ch -> Character.isLetter(ch) || ch == '.').toUpperCase(java.util.Locale.ROOT);
            switch (keyword) {
                case "HEADER" -> text = Section.Text.HEADER;
                case "TEXT" -> text = Section.Text.TEXT;
                case "MIME" -> {
                    if (part.isEmpty()) {
                        throw c.error("MIME needs a part number");
                    }
                    text = Section.Text.MIME;
                }
                case "HEADER.FIELDS", "HEADER.FIELDS.NOT" -> {
                    text = keyword.endsWith(".NOT") ? Section.Text.HEADER_FIELDS_NOT : Section.Text.HEADER_FIELDS;
                    c.sp();
                    fields = headerList(c);
                }
                default -> throw c.error("Invalid section specifier " + keyword);
            }
            break;
        }
        c.expect(']');
        return new Section(part, text, fields);
    }

    /** {@code section-binary = "[" [section-part] "]"}. */
    private static List<Integer> sectionBinary(ImapCursor c) {
        c.expect('[');
        List<Integer> part = new ArrayList<>();
        if (!c.take(']')) {
            do {
                if (part.size() == MAX_PART_DEPTH) {
                    throw c.error("Part specifier too deep");
                }
                part.add(partNumber(c));
            } while (c.take('.'));
            c.expect(']');
        }
        return part;
    }

    private static int partNumber(ImapCursor c) {
        long n = c.nzNumber();
        if (n > Integer.MAX_VALUE) {
            throw c.error("Part number out of range");
        }
        return (int) n;
    }

    /** {@code header-list = "(" header-fld-name *(SP header-fld-name) ")"}. */
    private static List<String> headerList(ImapCursor c) {
        c.expect('(');
        List<String> names = new ArrayList<>();
        do {
            if (names.size() == MAX_FIELDS) {
                throw c.error("Too many header field names");
            }
            String name = c.astring();
            if (name.isEmpty() || !name.chars().allMatch(ch -> ch > ' ' && ch < 127 && ch != ':')) {
                throw c.error("Invalid header field name");
            }
            names.add(name);
        } while (c.space());
        c.expect(')');
        return names;
    }

    /** {@code partial = "<" number64 "." nz-number64 ">"}, optional. */
    private static Partial partial(ImapCursor c) {
        if (!c.take('<')) {
            return null;
        }
        long offset = c.number64();
        c.expect('.');
        long count = c.number64();
        if (count == 0) {
            throw c.error("A partial fetch needs a non-zero octet count");
        }
        c.expect('>');
        return new Partial(offset, count);
    }
}
