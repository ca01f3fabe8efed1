package io.mailplatform.imap.process;

import io.mailplatform.imap.response.ImapResponse.Status;
import io.mailplatform.imap.response.Responder;
import io.mailplatform.imap.response.ResponseCode;
import io.mailplatform.imap.session.Extension;
import io.mailplatform.imap.session.SessionContext;

/**
 * A CONDSTORE enabling command (RFC 7162 §3.1: ENABLE CONDSTORE, SELECT/EXAMINE ... CONDSTORE,
 * STATUS HIGHESTMODSEQ, FETCH MODSEQ or CHANGEDSINCE, STORE UNCHANGEDSINCE, SEARCH MODSEQ) switches
 * CONDSTORE on for the rest of the session; the first one issued with a mailbox selected reports
 * that mailbox's HIGHESTMODSEQ, which the client did not get from its SELECT.
 */
final class CondStoreEnabling {
    private CondStoreEnabling() {
    }

    static void enable(SessionContext session, Responder out) {
        if (session.condstore()) {
            return;
        }
        session.enable(Extension.CONDSTORE);
        if (session.selected() != null) {
            out.untagged(Status.ok(null, ResponseCode.highestModSeq(session.selected().modSeq()), "Highest"));
        }
    }
}
