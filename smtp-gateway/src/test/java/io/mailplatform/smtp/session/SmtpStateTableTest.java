package io.mailplatform.smtp.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.smtp.command.ForwardPath;
import io.mailplatform.smtp.command.MailParameters;
import io.mailplatform.smtp.command.RcptParameters;
import io.mailplatform.smtp.command.ReversePath;
import io.mailplatform.smtp.command.SmtpCommand;
import io.mailplatform.smtp.reply.SmtpReply;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every command in every state (STYLE.md §4, state tests): legal, or refused with the right reply. */
class SmtpStateTableTest {
    private static final Map<String, SmtpCommand> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("EHLO", new SmtpCommand.Ehlo("c.example"));
        COMMANDS.put("HELO", new SmtpCommand.Helo("c.example"));
        COMMANDS.put("MAIL", new SmtpCommand.MailFrom(ReversePath.NULL, MailParameters.NONE));
        COMMANDS.put("RCPT", new SmtpCommand.RcptTo(ForwardPath.POSTMASTER, RcptParameters.NONE));
        COMMANDS.put("DATA", new SmtpCommand.Data());
        COMMANDS.put("BDAT", new SmtpCommand.Bdat(1, true));
        COMMANDS.put("RSET", new SmtpCommand.Rset());
        COMMANDS.put("NOOP", new SmtpCommand.Noop());
        COMMANDS.put("QUIT", new SmtpCommand.Quit());
        COMMANDS.put("STARTTLS", new SmtpCommand.StartTls());
        COMMANDS.put("AUTH", new SmtpCommand.Auth("PLAIN", null));
        COMMANDS.put("VRFY", new SmtpCommand.Vrfy("x"));
        COMMANDS.put("EXPN", new SmtpCommand.Expn("x"));
        COMMANDS.put("HELP", new SmtpCommand.Help(null));
    }

    /** Expected outcome per state, in the order of {@link #COMMANDS}: "ok" or "code status text". */
    private static final Map<SmtpState, List<String>> EXPECTED = Map.of(
            SmtpState.CONNECTED, List.of("ok", "ok", "503 5.5.1 Send EHLO or HELO first", "503 5.5.1 Need MAIL before this command",
                    "503 5.5.1 Need MAIL before this command", "503 5.5.1 Need MAIL before this command", "ok", "ok", "ok",
                    "503 5.5.1 Send EHLO or HELO first", "503 5.5.1 Send EHLO or HELO first", "ok", "ok", "ok"),
            SmtpState.GREETED, List.of("ok", "ok", "ok", "503 5.5.1 Need MAIL before this command",
                    "503 5.5.1 Need MAIL before this command", "503 5.5.1 Need MAIL before this command", "ok", "ok", "ok",
                    "ok", "ok", "ok", "ok", "ok"),
            SmtpState.MAIL, List.of("ok", "ok", "503 5.5.1 Nested MAIL command", "ok", "554 5.5.1 No valid recipients",
                    "554 5.5.1 No valid recipients", "ok", "ok", "ok", "503 5.5.1 Not allowed during a mail transaction",
                    "503 5.5.1 Not allowed during a mail transaction", "ok", "ok", "ok"),
            SmtpState.RCPT, List.of("ok", "ok", "503 5.5.1 Nested MAIL command", "ok", "ok", "ok", "ok", "ok", "ok",
                    "503 5.5.1 Not allowed during a mail transaction", "503 5.5.1 Not allowed during a mail transaction",
                    "ok", "ok", "ok"),
            SmtpState.BDAT, List.of("ok", "ok", "503 5.5.1 Nested MAIL command", "503 5.5.1 Bad sequence of commands",
                    "503 5.5.1 DATA not allowed after BDAT", "ok", "ok", "ok", "ok",
                    "503 5.5.1 Not allowed during a mail transaction", "503 5.5.1 Not allowed during a mail transaction",
                    "ok", "ok", "ok"));

    @Test
    void everyCommandInEveryCommandState() {
        List<String> mismatches = new ArrayList<>();
        EXPECTED.forEach((state, outcomes) -> {
            int i = 0;
            for (Map.Entry<String, SmtpCommand> command : COMMANDS.entrySet()) {
                SmtpReply refusal = SmtpStateTable.refusal(state, command.getValue());
                String actual = refusal == null ? "ok" : refusal.code() + " " + refusal.status() + " " + refusal.text();
                if (!actual.equals(outcomes.get(i))) {
                    mismatches.add(state + " " + command.getKey() + ": expected " + outcomes.get(i) + ", got " + actual);
                }
                i++;
            }
        });
        assertThat(mismatches).isEmpty();
    }

    @Test
    void noCommandIsParsedWhileTextOrASaslExchangeIsExpected() {
        for (SmtpCommand command : COMMANDS.values()) {
            assertThat(SmtpStateTable.refusal(SmtpState.DATA, command)).isNotNull();
            assertThat(SmtpStateTable.refusal(SmtpState.AUTH, command)).isNotNull();
        }
    }
}
