package io.mailplatform.pop3.process;

import io.mailplatform.pop3.config.Pop3Properties;
import io.mailplatform.pop3.maildrop.MaildropService;
import io.mailplatform.store.directory.ApopAuthenticator;
import io.mailplatform.store.directory.Authenticator;
import java.util.ArrayList;
import java.util.List;

/** The processors of a POP3 server, wired once; the order of the list is the order of CAPA's lines. */
public final class Pop3Processors {
    private Pop3Processors() {
    }

    public static CommandDispatcher dispatcher(Pop3Properties properties, Authenticator authenticator,
            ApopAuthenticator apop, MaildropService maildrops) {
        MaildropLogin login = new MaildropLogin(maildrops);
        MessageRetrieval retrieval = new MessageRetrieval(maildrops, properties.retrieveChunkBytes());
        List<Pop3Processor<?>> processors = new ArrayList<>(List.of(
                new TopProcessor(retrieval),
                new UidlProcessor(),
                new UserProcessor(),
                new AuthProcessor(authenticator, login),
                new StlsProcessor(),
                new PassProcessor(authenticator, login),
                new ApopProcessor(apop, login),
                new StatProcessor(),
                new ListProcessor(),
                new RetrProcessor(retrieval),
                new DeleProcessor(),
                new NoopProcessor(),
                new RsetProcessor(),
                new QuitProcessor(maildrops, properties.hostname())));
        List<CapabilityContributor> capabilities = new ArrayList<>();
        for (Pop3Processor<?> processor : processors) {
            if (processor instanceof CapabilityContributor contributor) {
                capabilities.add(contributor);
            }
        }
        capabilities.add(new ServerCapabilities(properties.loginDelay()));
        processors.add(new CapaProcessor(capabilities));
        return new CommandDispatcher(processors);
    }
}
