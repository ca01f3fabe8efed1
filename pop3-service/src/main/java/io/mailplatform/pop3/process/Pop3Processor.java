package io.mailplatform.pop3.process;

import io.mailplatform.pop3.command.Pop3Command;
import io.mailplatform.pop3.response.Pop3Exception;
import io.mailplatform.pop3.session.Pop3Context;

/**
 * Carries out one kind of command. Processors are stateless singletons shared by every session;
 * they run on the session's event loop and move blocking work to {@link Pop3Context#runBlocking}.
 * The state check has been done before {@link #process} is called.
 */
public interface Pop3Processor<C extends Pop3Command> {

    Class<C> commandType();

    /** Answers the command through {@code session}, or throws for an {@code -ERR} answer. */
    void process(C command, Pop3Context session) throws Pop3Exception;
}
