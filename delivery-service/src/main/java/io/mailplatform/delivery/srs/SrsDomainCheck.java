package io.mailplatform.delivery.srs;

import io.mailplatform.core.address.Domain;
import io.mailplatform.store.directory.DirectoryService;
import io.mailplatform.store.directory.DomainEntry;
import io.mailplatform.store.srs.SrsProperties;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Says at start which domain forwarded mail's SRS addresses are at. It must be one of ours, or
 * bounces to them would never come back; on a fresh installation no domain may exist yet, so that
 * is a warning, and forwarded mail keeps its reverse path until one does.
 */
@Component
class SrsDomainCheck implements ApplicationListener<ApplicationReadyEvent> {
    private static final Logger log = LoggerFactory.getLogger(SrsDomainCheck.class);

    private final SrsProperties settings;
    private final SrsForwarding forwarding;
    private final DirectoryService directory;

    SrsDomainCheck(SrsProperties settings, SrsForwarding forwarding, DirectoryService directory) {
        this.settings = settings;
        this.forwarding = forwarding;
        this.directory = directory;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        if (!settings.enabled()) {
            log.info("mail.srs.enabled=false: forwarded mail keeps its reverse path (bounces to SRS addresses made"
                    + " earlier are still taken until they expire)");
            return;
        }
        Optional<Domain> domain = forwarding.domain(directory::isLocalDomain,
                () -> directory.domains().stream().findFirst().map(DomainEntry::name));
        if (domain.isPresent()) {
            log.info("forwarded mail from other domains gets SRS reverse paths at {}", domain.get());
        } else if (settings.domain() != null) {
            log.warn("mail.srs.domain={} is not a local domain (yet): forwarded mail keeps its reverse path until it is,"
                    + " and SPF may fail for it at the next hop", settings.domain());
        } else {
            log.warn("no local domain yet: forwarded mail keeps its reverse path until one exists (or set mail.srs.domain)");
        }
    }
}
