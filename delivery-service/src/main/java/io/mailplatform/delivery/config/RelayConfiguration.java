package io.mailplatform.delivery.config;

import io.mailplatform.core.net.HostNames;
import io.mailplatform.delivery.dns.MxResolver;
import io.mailplatform.delivery.dsn.DsnPlanner;
import io.mailplatform.delivery.mtasts.MtaStsPolicies;
import io.mailplatform.delivery.relay.NextHopResolver;
import io.mailplatform.delivery.relay.OwnListeners;
import io.mailplatform.delivery.relay.RelayMetrics;
import io.mailplatform.delivery.relay.RelayQueueGauges;
import io.mailplatform.delivery.relay.RelayParts;
import io.mailplatform.delivery.relay.RelayWorker;
import io.mailplatform.delivery.relay.RetrySchedule;
import io.mailplatform.delivery.relay.TlsSessionListener;
import io.mailplatform.delivery.relay.smtp.SmtpClient;
import io.mailplatform.delivery.route.RecipientResolver;
import io.mailplatform.delivery.tlsrpt.TlsRptRecorder;
import io.mailplatform.server.lifecycle.ProtocolServerLifecycle;
import io.mailplatform.store.jdbc.StoreTransactions;
import io.mailplatform.store.mailbox.MailboxDelivery;
import io.mailplatform.store.mailbox.MessageContents;
import io.mailplatform.store.relay.OutboundQueue;
import io.mailplatform.store.relay.RelayQueue;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The relay's queue worker, built from {@link RelayProperties}. */
@Configuration(proxyBeanMethods = false)
public class RelayConfiguration {

    /**
     * This server, as far as relaying to it would be a loop: {@code mail.delivery.hostname} and the
     * client's EHLO name; the ports of every listener in this process, and {@code mail.relay.own-ports}.
     */
    @Bean
    public OwnListeners ownListeners(RelayProperties relay, RelayClientProperties client, DeliveryProperties delivery,
            ObjectProvider<ProtocolServerLifecycle> listeners) {
        return new OwnListeners(List.of(delivery.hostname(), client.heloName() == null ? "" : client.heloName()), () -> {
            Set<Integer> ports = new HashSet<>(relay.ownPorts());
            listeners.orderedStream().forEach(listener -> ports.addAll(listener.ports().values()));
            return ports;
        });
    }

    /** Routing, with the MTA-STS policies of MX destinations (RFC 8461). */
    @Bean
    public NextHopResolver nextHopResolver(RelayProperties relay, MxResolver mx, OwnListeners ownListeners,
            MtaStsPolicies stsPolicies) {
        return new NextHopResolver(relay, mx, ownListeners, stsPolicies::lookup);
    }

    @Bean
    public RelayMetrics relayMetrics(MeterRegistry registry) {
        return new RelayMetrics(registry);
    }

    /** The queue's depth by state, counted every poll interval (also where this instance does not relay). */
    @Bean
    public RelayQueueGauges relayQueueGauges(OutboundQueue queue, MeterRegistry registry, RelayProperties relay) {
        return new RelayQueueGauges(queue, registry, relay.pollInterval());
    }

    @Bean
    public RelayParts relayParts(RelayQueue queue, MessageContents contents, NextHopResolver hops, SmtpClient client,
            RelayProperties relay, RelayClientProperties clientProperties, MailboxDelivery store,
            StoreTransactions transactions, RecipientResolver resolver, DsnPlanner dsn, RelayMetrics metrics,
            TlsRptProperties tlsRpt, TlsRptRecorder tlsSessions) {
        return new RelayParts(queue, contents, hops, client, clientProperties.maxConnections(),
                new RetrySchedule(relay.retry(), new SecureRandom()), store, transactions, resolver, dsn, metrics,
                tlsRpt.enabled() ? tlsSessions : TlsSessionListener.NONE);
    }

    /**
     * The worker, named in its leases after this host and process; its clock is the context's
     * {@link Clock} if it has one (tests), else the system's.
     */
    @Bean(destroyMethod = "close")
    public RelayWorker relayWorker(RelayProperties relay, RelayClientProperties client, RelayParts parts,
            ObjectProvider<Clock> clock) {
        return new RelayWorker(relay, (int) client.limits().chunkSize().toBytes(), parts,
                clock.getIfUnique(Clock::systemUTC), instanceName());
    }

    /** {@code host/pid/random}: unique among the instances sharing a queue, readable in the table. */
    public static String instanceName() {
        byte[] random = new byte[4];
        new SecureRandom().nextBytes(random);
        return HostNames.local() + "/" + ProcessHandle.current().pid() + "/" + HexFormat.of().formatHex(random);
    }
}
