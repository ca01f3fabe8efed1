package io.mailplatform.imap.parse;

import io.mailplatform.imap.command.MailboxCommands;
import io.mailplatform.imap.command.SequenceSet;

/**
 * The command parameters of RFC 7162 (§7 ABNF): SELECT/EXAMINE {@code select-params}, the FETCH
 * modifiers CHANGEDSINCE and VANISHED, the STORE modifier UNCHANGEDSINCE, and mod-sequence values.
 * Each list is {@code "(" item *(SP item) ")"}; an item given twice is a syntax error.
 */
final class CondStoreParsers {
    private CondStoreParsers() {
    }

    /** SELECT/EXAMINE parameters: CONDSTORE and QRESYNC. */
    record SelectParameters(boolean condstore, MailboxCommands.QResync qresync) {
        static final SelectParameters NONE = new SelectParameters(false, null);
    }

    /** FETCH modifiers; {@code changedSince} null when absent. */
    record FetchModifiers(Long changedSince, boolean vanished) {
        static final FetchModifiers NONE = new FetchModifiers(null, false);
    }

    /** {@code [SP "(" select-param *(SP select-param) ")"]} after the mailbox name. */
    static SelectParameters selectParameters(ImapCursor c, SequenceSetParser sets) {
        if (!openList(c)) {
            return SelectParameters.NONE;
        }
        boolean condstore = false;
        MailboxCommands.QResync qresync = null;
        do {
            String name = c.keyword();
            if (name.equals("CONDSTORE") && !condstore) {
                condstore = true;
            } else if (name.equals("QRESYNC") && qresync == null) {
                c.sp();
                qresync = qresync(c, sets);
            } else {
                throw c.error("Unknown or repeated SELECT parameter " + name);
            }
        } while (c.space());
        c.expect(')');
        return new SelectParameters(condstore, qresync);
    }

    /**
     * {@code "(" uidvalidity SP mod-sequence-value [SP known-uids] [SP seq-match-data] ")"},
     * seq-match-data being {@code "(" known-sequence-set SP known-uid-set ")"}.
     */
    private static MailboxCommands.QResync qresync(ImapCursor c, SequenceSetParser sets) {
        c.expect('(');
        long uidValidity = c.nzNumber();
        c.sp();
        long modSeq = modSequenceValue(c);
        SequenceSet knownUids = null;
        SequenceSet knownSequences = null;
        SequenceSet knownSequenceUids = null;
        boolean more = c.space();
        if (more && c.peek() != '(') {
            knownUids = sets.sequenceSet(c);
            more = c.space();
        }
        if (more) {
            c.expect('(');
            knownSequences = sets.sequenceSet(c);
            c.sp();
            knownSequenceUids = sets.sequenceSet(c);
            c.expect(')');
        }
        c.expect(')');
        return new MailboxCommands.QResync(uidValidity, modSeq, knownUids, knownSequences, knownSequenceUids);
    }

    /** {@code [SP "(" fetch-modifier *(SP fetch-modifier) ")"]} after the FETCH items. */
    static FetchModifiers fetchModifiers(ImapCursor c, boolean uid) {
        if (!openList(c)) {
            return FetchModifiers.NONE;
        }
        Long changedSince = null;
        boolean vanished = false;
        do {
            String name = c.keyword();
            if (name.equals("CHANGEDSINCE") && changedSince == null) {
                c.sp();
                changedSince = modSequenceValue(c);
            } else if (name.equals("VANISHED") && !vanished && uid) {
                vanished = true;
            } else {
                throw c.error("Unknown or repeated FETCH modifier " + name);
            }
        } while (c.space());
        c.expect(')');
        if (vanished && changedSince == null) {
            throw c.error("VANISHED needs CHANGEDSINCE");
        }
        return new FetchModifiers(changedSince, vanished);
    }

    /** {@code "(" "UNCHANGEDSINCE" SP mod-sequence-valzer ")"} before the STORE item, or null if absent. */
    static Long storeModifiers(ImapCursor c) {
        if (c.peek() != '(') {
            return null;
        }
        c.expect('(');
        Long unchangedSince = null;
        do {
            String name = c.keyword();
            if (!name.equals("UNCHANGEDSINCE") || unchangedSince != null) {
                throw c.error("Unknown or repeated STORE modifier " + name);
            }
            c.sp();
            unchangedSince = c.number64();
        } while (c.space());
        c.expect(')');
        c.sp();
        return unchangedSince;
    }

    /** {@code SP "("} opening an optional parameter list at the end of a command; false at the end. */
    private static boolean openList(ImapCursor c) {
        if (!c.space()) {
            return false;
        }
        if (c.peek() != '(') {
            c.end(); // anything else after the arguments is the usual error
        }
        c.expect('(');
        return true;
    }

    /** {@code mod-sequence-value}: 1 to 2^63-1. */
    static long modSequenceValue(ImapCursor c) {
        long value = c.number64();
        if (value == 0) {
            throw c.error("A mod-sequence value is at least 1");
        }
        return value;
    }
}
