package io.mailplatform.store.acl;

import java.util.EnumSet;
import java.util.Set;

/**
 * A set of {@link Right}s, immutable. {@link #parse} understands the obsolete "c" and "d" of
 * RFC 2086 the way RFC 4314 §2.1.1 lets a server choose for the second group of servers: "c" is
 * {@code k}, "d" is {@code x t e}; {@link #format} writes "c" and "d" back when a member is present,
 * as §2.1.1 requires of MYRIGHTS and ACL responses.
 */
public record Rights(Set<Right> set) {
    public static final Rights NONE = new Rights(EnumSet.noneOf(Right.class));
    public static final Rights ALL = new Rights(EnumSet.allOf(Right.class));

    /** The letters stored and accepted: RFC 4314 §2.1 rights plus the obsolete c and d (§2.1.1). */
    private static final Set<Right> CREATE_GROUP = EnumSet.of(Right.CREATE_MAILBOX);
    private static final Set<Right> DELETE_GROUP = EnumSet.of(Right.DELETE_MAILBOX, Right.DELETE_MESSAGES,
            Right.EXPUNGE);

    public Rights {
        set = set.isEmpty() ? EnumSet.noneOf(Right.class) : EnumSet.copyOf(set);
    }

    public static Rights of(Right... rights) {
        EnumSet<Right> set = EnumSet.noneOf(Right.class);
        set.addAll(java.util.List.of(rights));
        return new Rights(set);
    }

    /**
     * The rights of an RFC 4314 {@code rights} string (letters only, no leading + or -).
     *
     * @throws IllegalArgumentException for a letter that is no right (RFC 4314 §3.1: never ignored)
     */
    public static Rights parse(String letters) {
        EnumSet<Right> set = EnumSet.noneOf(Right.class);
        for (int i = 0; i < letters.length(); i++) {
            char letter = letters.charAt(i);
            if (letter == 'c') {
                set.addAll(CREATE_GROUP);
            } else if (letter == 'd') {
                set.addAll(DELETE_GROUP);
            } else {
                Right right = Right.of(letter);
                if (right == null) {
                    throw new IllegalArgumentException("Unknown right " + letter);
                }
                set.add(right);
            }
        }
        return new Rights(set);
    }

    public boolean has(Right right) {
        return set.contains(right);
    }

    public boolean isEmpty() {
        return set.isEmpty();
    }

    public Rights plus(Rights other) {
        EnumSet<Right> union = EnumSet.noneOf(Right.class);
        union.addAll(set);
        union.addAll(other.set);
        return new Rights(union);
    }

    public Rights minus(Rights other) {
        EnumSet<Right> rest = EnumSet.noneOf(Right.class);
        rest.addAll(set);
        rest.removeAll(other.set);
        return new Rights(rest);
    }

    /** The letters as stored: RFC 4314 rights only, in {@link Right} order. */
    public String letters() {
        StringBuilder text = new StringBuilder(set.size());
        set.forEach(right -> text.append(right.letter()));
        return text.toString();
    }

    /** The letters for a client (MYRIGHTS, ACL), with "c" and "d" when a member of theirs is present. */
    public String format() {
        StringBuilder text = new StringBuilder(letters());
        if (set.stream().anyMatch(CREATE_GROUP::contains)) {
            text.append('c');
        }
        if (set.stream().anyMatch(DELETE_GROUP::contains)) {
            text.append('d');
        }
        return text.toString();
    }
}
