package io.mailplatform.standalone;

import io.mailplatform.store.directory.DirectoryService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/** Creates the first domain and account named by the properties, if they do not exist yet. */
@Component
class FirstAccount implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(FirstAccount.class);
    private final StandaloneProperties properties;
    private final DirectoryService directory;

    FirstAccount(StandaloneProperties properties, DirectoryService directory) {
        this.properties = properties;
        this.directory = directory;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        if (properties.domain() != null && !properties.domain().isBlank()
                && directory.findDomain(properties.domain()).isEmpty()) {
            directory.createDomain(properties.domain());
            log.info("created domain {}", properties.domain());
        }
        if (properties.account() != null && !properties.account().isBlank()
                && directory.findAccount(properties.account()).isEmpty()) {
            if (properties.password() == null || properties.password().isEmpty()) {
                throw new IllegalStateException("mail.standalone.account needs mail.standalone.password");
            }
            directory.createAccount(properties.account(), properties.password());
            log.info("created account {}", properties.account());
        }
    }
}
