package io.mailplatform.smtp;

import io.mailplatform.server.net.ProxyProtocolSettings;
import io.mailplatform.smtp.config.SmtpProperties;
import io.mailplatform.smtp.intake.InboundPublisher;
import io.mailplatform.smtp.policy.RecipientDirectory;
import io.mailplatform.smtp.server.SmtpServer;
import io.mailplatform.store.directory.Authenticator;
import io.mailplatform.server.tls.TlsBundles;
import java.time.Duration;
import java.util.List;
import org.springframework.context.ApplicationContext;
import org.springframework.util.unit.DataSize;

/**
 * Extra gateway servers with their own limits, built from the beans of the shared test context,
 * so that limits, timeouts, PROXY and shutdown can be tested without another application context.
 */
final class TestServers {
    private TestServers() {
    }

    static SmtpProperties.Limits limits(int maxConnections, int maxPerAddress, Duration commandTimeout, Duration dataTimeout) {
        return new SmtpProperties.Limits(DataSize.ofMegabytes(1), null, 5, maxConnections, maxPerAddress, 10, commandTimeout,
                dataTimeout, Duration.ofSeconds(30), Duration.ofMinutes(5));
    }

    /** Limits with the given write timeout (how long replies may wait unread). */
    static SmtpProperties.Limits writeLimits(Duration writeTimeout) {
        return new SmtpProperties.Limits(DataSize.ofMegabytes(1), null, 5, 100, 100, 10, Duration.ofMinutes(1),
                Duration.ofMinutes(1), Duration.ofSeconds(30), writeTimeout);
    }

    /** Limits with a message size and a memory budget of their own, and the given data timeout. */
    static SmtpProperties.Limits memoryLimits(DataSize maxMessageSize, DataSize memoryBudget, Duration dataTimeout) {
        return new SmtpProperties.Limits(maxMessageSize, memoryBudget, 5, 100, 100, 10, Duration.ofMinutes(1),
                dataTimeout, Duration.ofSeconds(30), Duration.ofMinutes(5));
    }

    static SmtpProperties properties(SmtpProperties.Limits limits, ProxyProtocolSettings proxy) {
        return properties(limits, proxy, false);
    }

    static SmtpProperties properties(SmtpProperties.Limits limits, ProxyProtocolSettings proxy, boolean senderMustMatchLogin) {
        return properties(limits, proxy, senderMustMatchLogin, List.of());
    }

    static SmtpProperties properties(SmtpProperties.Limits limits, ProxyProtocolSettings proxy, boolean senderMustMatchLogin,
            List<String> permittedSenders) {
        return new SmtpProperties("mx.example.test", "127.0.0.1", 0, 0, 0, false, senderMustMatchLogin, permittedSenders,
                "mail", 4, limits,
                new SmtpProperties.RecipientCache(Duration.ofSeconds(30), 100), proxy);
    }

    static ProxyProtocolSettings noProxy() {
        return ProxyProtocolSettings.none();
    }

    static SmtpServer start(ApplicationContext context, SmtpProperties properties) {
        return start(context, properties, context.getBean(Authenticator.class));
    }

    static SmtpServer start(ApplicationContext context, SmtpProperties properties, Authenticator authenticator) {
        return start(context, properties, authenticator, context.getBean(RecipientDirectory.class));
    }

    static SmtpServer start(ApplicationContext context, SmtpProperties properties, RecipientDirectory directory) {
        return start(context, properties, context.getBean(Authenticator.class), directory);
    }

    private static SmtpServer start(ApplicationContext context, SmtpProperties properties, Authenticator authenticator,
            RecipientDirectory directory) {
        SmtpServer server = new SmtpServer(properties, directory, authenticator, context.getBean(InboundPublisher.class),
                context.getBean(TlsBundles.class));
        server.start();
        return server;
    }
}
