package io.mailplatform.imap.process;

import io.mailplatform.imap.response.Responder;
import io.mailplatform.imap.session.SessionContext;

/** Receives the line a client sends after a continuation request of a command in progress. */
@FunctionalInterface
public interface ContinuationHandler {
    Outcome line(String line, SessionContext session, Responder out);
}
