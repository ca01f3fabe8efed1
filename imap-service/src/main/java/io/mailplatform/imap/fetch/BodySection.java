package io.mailplatform.imap.fetch;

/**
 * BODY[section]&lt;partial&gt;, BODY.PEEK[...] and their RFC 3501 aliases RFC822 (= BODY[]),
 * RFC822.HEADER (= BODY.PEEK[HEADER]) and RFC822.TEXT (= BODY[TEXT]).
 *
 * @param partial the partial range, or null
 */
public record BodySection(Section section, boolean peek, Partial partial, Alias alias) implements FetchItem {

    /** The name the response uses for an RFC 3501 alias, or NONE for BODY[...]. */
    public enum Alias {
        NONE, RFC822, RFC822_HEADER, RFC822_TEXT
    }

    public static BodySection of(Section section, boolean peek, Partial partial) {
        return new BodySection(section, peek, partial, Alias.NONE);
    }

    @Override
    public boolean setsSeen() {
        return !peek;
    }

    /** The data item name of the response: BODY[section] with the origin octet if partial, or the alias. */
    public String responseName() {
        switch (alias) {
            case RFC822:
                return "RFC822";
            case RFC822_HEADER:
                return "RFC822.HEADER";
            case RFC822_TEXT:
                return "RFC822.TEXT";
            default:
                return "BODY[" + section.spec() + "]" + (partial == null ? "" : "<" + partial.offset() + ">");
        }
    }
}
