package io.mailplatform.testsupport.smtp;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What one connection to the fake server did; read it while the session runs or after. */
public final class FakeSmtpSessionLog {
    private final List<ReceivedCommand> commands = new CopyOnWriteArrayList<>();
    private volatile String heloName;
    private volatile boolean ehlo;
    private volatile boolean tls;
    private volatile String authenticatedUser;
    private volatile boolean ended;

    /** Every command line in the order read, across STARTTLS. */
    public List<ReceivedCommand> commands() {
        return List.copyOf(commands);
    }

    /** The verbs of {@link #commands()}. */
    public List<String> verbs() {
        return commands.stream().map(ReceivedCommand::verb).toList();
    }

    /** The name of the last EHLO or HELO. */
    public String heloName() {
        return heloName;
    }

    /** Whether the last greeting command was EHLO (false: HELO). */
    public boolean ehlo() {
        return ehlo;
    }

    public boolean tls() {
        return tls;
    }

    public String authenticatedUser() {
        return authenticatedUser;
    }

    /** Whether the session is over (QUIT, a close by either side). */
    public boolean ended() {
        return ended;
    }

    void command(ReceivedCommand command) {
        commands.add(command);
    }

    void hello(String name, boolean extended) {
        heloName = name;
        ehlo = extended;
    }

    void startedTls() {
        tls = true;
    }

    void authenticated(String user) {
        authenticatedUser = user;
    }

    void end() {
        ended = true;
    }
}
