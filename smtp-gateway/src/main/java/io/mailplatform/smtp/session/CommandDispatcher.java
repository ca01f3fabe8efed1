package io.mailplatform.smtp.session;

import io.mailplatform.smtp.command.SmtpCommand;
import io.mailplatform.smtp.config.SmtpProperties;
import io.mailplatform.smtp.ehlo.EhloExtension;
import io.mailplatform.smtp.intake.InboundPublisher;
import io.mailplatform.smtp.intake.MessageMemoryBudget;
import io.mailplatform.store.directory.PermittedSenders;
import io.mailplatform.smtp.policy.RecipientDirectory;
import io.mailplatform.store.directory.Authenticator;
import java.util.List;
import java.util.Map;

/**
 * The command surface of the gateway in one place: each command class and its processor, and the
 * EHLO keywords, contributed by the processors that implement them. Built once per server and
 * shared by every session (processors hold no session state).
 */
public final class CommandDispatcher {
    private final Map<Class<? extends SmtpCommand>, CommandProcessor<?>> processors;
    private final DataProcessor data;
    private final AuthProcessor auth;
    private final InboundPublisher publisher;

    public CommandDispatcher(SmtpProperties properties, RecipientDirectory directory, Authenticator authenticator,
            InboundPublisher publisher, MessageMemoryBudget budget) {
        this.publisher = publisher;
        MailProcessor mail = new MailProcessor(properties, budget);
        RcptProcessor rcpt = new RcptProcessor(properties, directory);
        this.data = new DataProcessor(properties);
        StartTlsProcessor startTls = new StartTlsProcessor();
        this.auth = new AuthProcessor(authenticator, properties.senderMustMatchLogin() ? directory : null,
                PermittedSenders.parse("mail.smtp.permitted-senders", properties.permittedSenders()));
        BasicCommandProcessor basic = new BasicCommandProcessor();
        // the order of the EHLO keywords
        List<EhloExtension> extensions = List.of(
                context -> List.of("PIPELINING"), // RFC 2920: the session keeps replies in order
                mail, data,
                context -> List.of("ENHANCEDSTATUSCODES"), // RFC 2034: every reply carries one
                startTls, auth);
        HelloProcessor hello = new HelloProcessor(extensions);
        this.processors = Map.ofEntries(
                Map.entry(SmtpCommand.Ehlo.class, hello),
                Map.entry(SmtpCommand.Helo.class, hello),
                Map.entry(SmtpCommand.MailFrom.class, mail),
                Map.entry(SmtpCommand.RcptTo.class, rcpt),
                Map.entry(SmtpCommand.Data.class, data),
                Map.entry(SmtpCommand.Bdat.class, data),
                Map.entry(SmtpCommand.StartTls.class, startTls),
                Map.entry(SmtpCommand.Auth.class, auth),
                Map.entry(SmtpCommand.Rset.class, basic),
                Map.entry(SmtpCommand.Noop.class, basic),
                Map.entry(SmtpCommand.Quit.class, basic),
                Map.entry(SmtpCommand.Vrfy.class, basic),
                Map.entry(SmtpCommand.Expn.class, basic),
                Map.entry(SmtpCommand.Help.class, basic));
    }

    @SuppressWarnings("unchecked")
    void dispatch(SmtpSession session, SmtpCommand command) {
        CommandProcessor<SmtpCommand> processor = (CommandProcessor<SmtpCommand>) processors.get(command.getClass());
        processor.process(session, command);
    }

    DataProcessor data() {
        return data;
    }

    AuthProcessor auth() {
        return auth;
    }

    InboundPublisher publisher() {
        return publisher;
    }
}
