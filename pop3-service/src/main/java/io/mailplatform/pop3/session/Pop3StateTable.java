package io.mailplatform.pop3.session;

import io.mailplatform.pop3.command.Pop3Command;
import io.mailplatform.pop3.response.Pop3Exception;
import io.mailplatform.pop3.response.Replies;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Which command is valid in which state (RFC 1939 §4-§7, RFC 2449 §5, RFC 2595 §4, RFC 5034 §4),
 * all in one place. A command outside its states is refused before any of its logic runs. The
 * UPDATE state takes no commands: the session ends there.
 */
public final class Pop3StateTable {
    private static final Set<Pop3State> AUTHORIZATION = EnumSet.of(Pop3State.AUTHORIZATION);
    private static final Set<Pop3State> TRANSACTION = EnumSet.of(Pop3State.TRANSACTION);
    private static final Set<Pop3State> ANY = EnumSet.of(Pop3State.AUTHORIZATION, Pop3State.TRANSACTION);

    private static final Map<Class<? extends Pop3Command>, Set<Pop3State>> STATES = Map.ofEntries(
            Map.entry(Pop3Command.User.class, AUTHORIZATION),
            Map.entry(Pop3Command.Pass.class, AUTHORIZATION),
            Map.entry(Pop3Command.Apop.class, AUTHORIZATION),
            Map.entry(Pop3Command.Auth.class, AUTHORIZATION),
            Map.entry(Pop3Command.Stls.class, AUTHORIZATION),
            Map.entry(Pop3Command.Capa.class, ANY),
            Map.entry(Pop3Command.Quit.class, ANY),
            Map.entry(Pop3Command.Stat.class, TRANSACTION),
            Map.entry(Pop3Command.List.class, TRANSACTION),
            Map.entry(Pop3Command.Retr.class, TRANSACTION),
            Map.entry(Pop3Command.Dele.class, TRANSACTION),
            Map.entry(Pop3Command.Noop.class, TRANSACTION),
            Map.entry(Pop3Command.Rset.class, TRANSACTION),
            Map.entry(Pop3Command.Top.class, TRANSACTION),
            Map.entry(Pop3Command.Uidl.class, TRANSACTION));

    private Pop3StateTable() {
    }

    /** Refuses a command that is not valid in {@code state}. */
    public static void check(Pop3State state, Pop3Command command) throws Pop3Exception {
        if (!validStates(command.getClass()).contains(state)) {
            throw new Pop3Exception(Replies.wrongState(command.keyword(), state.label()));
        }
    }

    /** The states in which a command is valid. */
    public static Set<Pop3State> validStates(Class<? extends Pop3Command> command) {
        Set<Pop3State> states = STATES.get(command);
        if (states == null) {
            throw new IllegalStateException("no states declared for " + command.getSimpleName());
        }
        return states;
    }
}
