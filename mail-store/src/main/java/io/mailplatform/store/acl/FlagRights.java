package io.mailplatform.store.acl;

import io.mailplatform.store.mailbox.MessageFlags;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which right a flag needs (RFC 4314 §4, STORE and APPEND): {@code s} for \Seen, {@code t} for
 * \Deleted, {@code w} for every other flag and keyword.
 */
public final class FlagRights {
    private static final int OTHER_SYSTEM_FLAGS = MessageFlags.ANSWERED | MessageFlags.FLAGGED | MessageFlags.DRAFT;

    private FlagRights() {
    }

    /** The rights changing these flags needs. */
    public static Set<Right> needed(MessageFlags flags) {
        Set<Right> needed = EnumSet.noneOf(Right.class);
        if (flags.has(MessageFlags.SEEN)) {
            needed.add(Right.SEEN);
        }
        if (flags.has(MessageFlags.DELETED)) {
            needed.add(Right.DELETE_MESSAGES);
        }
        if ((flags.system() & OTHER_SYSTEM_FLAGS) != 0 || !flags.keywords().isEmpty()) {
            needed.add(Right.WRITE);
        }
        return needed;
    }

    /** The flags the rights allow to set; the others are dropped (RFC 4314 §4: APPEND and COPY ignore them). */
    public static MessageFlags permitted(MessageFlags flags, Rights rights) {
        int system = flags.system();
        if (!rights.has(Right.SEEN)) {
            system &= ~MessageFlags.SEEN;
        }
        if (!rights.has(Right.DELETE_MESSAGES)) {
            system &= ~MessageFlags.DELETED;
        }
        if (!rights.has(Right.WRITE)) {
            return new MessageFlags(system & ~OTHER_SYSTEM_FLAGS, Set.of());
        }
        return new MessageFlags(system, flags.keywords());
    }
}
