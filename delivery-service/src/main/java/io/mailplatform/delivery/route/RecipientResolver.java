package io.mailplatform.delivery.route;

import io.mailplatform.core.address.AddressException;
import io.mailplatform.core.address.MailboxAddress;
import io.mailplatform.core.envelope.Envelope;
import io.mailplatform.core.envelope.EnvelopeRecipient;
import io.mailplatform.core.srs.SrsCodec;
import io.mailplatform.core.srs.SrsReversal;
import io.mailplatform.delivery.config.DeliveryProperties;
import io.mailplatform.store.directory.Account;
import io.mailplatform.store.directory.LocalDomain;
import io.mailplatform.store.directory.Postmaster;
import io.mailplatform.store.directory.RoutingDirectory;
import io.mailplatform.store.directory.RoutingEntry;
import io.mailplatform.store.directory.Subaddressing;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Resolves envelope recipients: local domains to accounts; aliases (one to many, recursive) and
 * distribution lists (each member once, members-only lists refusing other senders) expanded with
 * loop detection and a depth limit; {@code user+tag} to {@code user}; {@code postmaster@domain}
 * without an entry of its own to the configured postmaster (RFC 5321 §4.5.1); other unknown local
 * parts to the domain's catch-all. Local parts are case-insensitive. An SRS address at a local
 * domain, the reverse path of mail forwarded earlier, goes back to the address it stands for when
 * its hash and age are valid and the mail is a bounce (null reverse path), whatever the directory
 * holds. Directory reads are set-based per batch.
 */
@Component
public class RecipientResolver {
    private final RoutingDirectory directory;
    private final DeliveryProperties.Routing settings;
    private final Subaddressing subaddressing;
    private final Postmaster postmaster;
    private final SrsCodec srs;

    public RecipientResolver(RoutingDirectory directory, DeliveryProperties properties, Subaddressing subaddressing,
            Postmaster postmaster, SrsCodec srs) {
        this.directory = directory;
        this.settings = properties.routing();
        this.subaddressing = subaddressing;
        this.postmaster = postmaster;
        this.srs = srs;
    }

    /** A resolver for one batch: directory entries are read once per batch and remembered. */
    public Session session() {
        return new Session();
    }

    public final class Session {
        private final Map<String, RoutingEntry> entries = new HashMap<>();
        private final Map<String, LocalDomain> domains = new HashMap<>();
        private final Set<String> knownDomains = new HashSet<>();
        private Optional<String> firstDomain;

        private Session() {
        }

        /** Loads in two queries what resolving these envelopes' recipients directly needs. */
        public void prefetch(Collection<Envelope> envelopes) {
            Set<String> addresses = new LinkedHashSet<>();
            Set<String> domainNames = new LinkedHashSet<>();
            for (Envelope envelope : envelopes) {
                for (EnvelopeRecipient recipient : envelope.recipients()) {
                    MailboxAddress address = parse(recipient.address());
                    if (address != null) {
                        addresses.add(address.normalized());
                        String base = subaddressing.base(address);
                        if (base != null) {
                            addresses.add(base);
                        }
                        domainNames.add(address.domain().name());
                    }
                }
            }
            loadDomains(domainNames);
            loadEntries(addresses);
        }

        public List<Resolution> resolve(Envelope envelope) {
            List<Resolution> resolutions = new ArrayList<>();
            for (EnvelopeRecipient recipient : envelope.recipients()) {
                resolutions.add(resolve(envelope, recipient));
            }
            return resolutions;
        }

        private Resolution resolve(Envelope envelope, EnvelopeRecipient recipient) {
            Expansion out = new Expansion(envelope);
            MailboxAddress address = parse(recipient.address());
            if (address == null) {
                return new Resolution(recipient, List.of(), List.of(), RouteFailure.BAD_SYNTAX, false);
            }
            if (domain(address.domain().name()) == null && envelope.authenticatedUser() == null) {
                // the gateway relays only for authenticated clients; this record did not come through it
                return new Resolution(recipient, List.of(), List.of(), RouteFailure.RELAY_DENIED, false);
            }
            expand(address, 0, new HashSet<>(), false, out);
            List<Account> local = new ArrayList<>(out.local.values());
            List<String> remote = new ArrayList<>(out.remote);
            RouteFailure failure = null;
            if (local.isEmpty() && remote.isEmpty()) {
                failure = out.failure == null ? RouteFailure.UNKNOWN : out.failure;
            }
            return new Resolution(recipient, local, remote, failure, out.fannedOut);
        }

        private void expand(MailboxAddress address, int depth, Set<String> path, boolean viaList, Expansion out) {
            if (out.count() >= settings.maxRecipients()) {
                out.fail(RouteFailure.TOO_MANY);
                return;
            }
            LocalDomain domain = domain(address.domain().name());
            if (domain == null) {
                out.remote.add(address.toString());
                return;
            }
            String key = address.normalized();
            if (depth > settings.maxDepth() || !path.add(key)) {
                out.fail(RouteFailure.LOOP);
                return;
            }
            try {
                if (address.isSrs()) {
                    reverseSrs(address, depth, path, viaList, out);
                    return;
                }
                RoutingEntry entry = entry(key);
                if (entry.account() != null) {
                    if (entry.account().enabled()) {
                        out.local.putIfAbsent(entry.account().id(), entry.account());
                    } else {
                        out.fail(RouteFailure.DISABLED);
                    }
                    return;
                }
                if (entry.list() != null) {
                    // members-only applies to the list the sender addressed, not to lists nested in it
                    if (entry.list().membersOnly() && !viaList && !isMember(entry.list().members(), out.envelope)) {
                        out.fail(RouteFailure.MEMBERS_ONLY);
                        return;
                    }
                    out.fannedOut = true;
                    expandAll(entry.list().members(), depth, path, true, out);
                    return;
                }
                if (!entry.aliasTargets().isEmpty()) {
                    if (entry.aliasTargets().size() > 1) {
                        out.fannedOut = true;
                    }
                    expandAll(entry.aliasTargets(), depth, path, viaList, out);
                    return;
                }
                String base = subaddressing.base(address);
                if (base != null) {
                    expand(parse(base), depth, path, viaList, out); // RFC 5233 subaddress: user+tag reaches user
                    return;
                }
                Optional<MailboxAddress> standIn = postmaster.standInFor(key);
                if (standIn.isPresent() && domain(standIn.get().domain().name()) != null) {
                    // RFC 5321 §4.5.1; a postmaster configured at a domain that is not (yet) ours is never relayed to
                    expand(standIn.get(), depth + 1, path, viaList, out);
                    return;
                }
                if (domain.catchAll() != null) {
                    MailboxAddress catchAll = parse(domain.catchAll());
                    if (catchAll != null) {
                        expand(catchAll, depth + 1, path, viaList, out);
                        return;
                    }
                }
                out.fail(RouteFailure.UNKNOWN);
            } finally {
                path.remove(key);
            }
        }

        /**
         * A bounce to an SRS address of ours goes to the sender it stands for (an SRS1 one to the SRS0
         * address at the first forwarder); the gateway refused the rest at RCPT already.
         */
        private void reverseSrs(MailboxAddress address, int depth, Set<String> path, boolean viaList, Expansion out) {
            SrsReversal reversal = srs.reverse(address);
            if (reversal instanceof SrsReversal.Refused refused) {
                out.fail(refused.reason() == SrsReversal.Reason.EXPIRED ? RouteFailure.SRS_EXPIRED : RouteFailure.SRS_INVALID);
            } else if (!out.envelope.isNullReversePath()) {
                out.fail(RouteFailure.SRS_BOUNCES_ONLY);
            } else {
                expand(((SrsReversal.Reversed) reversal).address(), depth + 1, path, viaList, out);
            }
        }

        private void expandAll(List<String> targets, int depth, Set<String> path, boolean viaList, Expansion out) {
            Set<String> missing = new LinkedHashSet<>();
            Set<String> missingDomains = new LinkedHashSet<>();
            List<MailboxAddress> parsed = new ArrayList<>();
            for (String target : targets) {
                MailboxAddress address = parse(target);
                if (address == null) {
                    out.fail(RouteFailure.BAD_SYNTAX);
                    continue;
                }
                parsed.add(address);
                if (!knownDomains.contains(address.domain().name())) {
                    missingDomains.add(address.domain().name());
                }
                if (!entries.containsKey(address.normalized())) {
                    missing.add(address.normalized());
                }
            }
            loadDomains(missingDomains);
            missing.removeIf(a -> domain(a.substring(a.lastIndexOf('@') + 1)) == null);
            loadEntries(missing);
            for (MailboxAddress address : parsed) {
                expand(address, depth + 1, path, viaList, out);
            }
        }

        private boolean isMember(List<String> members, Envelope envelope) {
            MailboxAddress sender = parse(envelope.reversePath());
            MailboxAddress user = envelope.authenticatedUser() == null ? null : parse(envelope.authenticatedUser());
            return (sender != null && members.contains(sender.normalized()))
                    || (user != null && members.contains(user.normalized()));
        }

        private RoutingEntry entry(String key) {
            RoutingEntry entry = entries.get(key);
            if (entry == null) {
                loadEntries(Set.of(key));
                entry = entries.get(key);
            }
            return entry;
        }

        private LocalDomain domain(String name) {
            if (!knownDomains.contains(name)) {
                loadDomains(Set.of(name));
            }
            return domains.get(name);
        }

        private void loadEntries(Set<String> addresses) {
            Set<String> missing = new LinkedHashSet<>(addresses);
            missing.removeAll(entries.keySet());
            if (!missing.isEmpty()) {
                entries.putAll(directory.entries(missing));
            }
        }

        private void loadDomains(Set<String> names) {
            Set<String> missing = new LinkedHashSet<>(names);
            missing.removeAll(knownDomains);
            if (!missing.isEmpty()) {
                domains.putAll(directory.localDomains(missing));
                knownDomains.addAll(missing);
            }
        }

        /** The SPF fail policy of a local domain, or null. */
        public String spfFailPolicy(String domainName) {
            LocalDomain domain = domain(domainName);
            return domain == null ? null : domain.spfFailPolicy();
        }

        /** The first local domain by name, if there is one (read once per batch). */
        public Optional<String> firstLocalDomain() {
            if (firstDomain == null) {
                firstDomain = directory.firstDomain();
            }
            return firstDomain;
        }

        /** Whether this domain is one of ours. */
        public boolean isLocal(String domainName) {
            return domain(domainName) != null;
        }
    }

    private final class Expansion {
        final Envelope envelope;
        final Map<Long, Account> local = new LinkedHashMap<>();
        final Set<String> remote = new LinkedHashSet<>();
        RouteFailure failure;
        /** Whether a list or an alias with several targets was expanded on the way. */
        boolean fannedOut;

        Expansion(Envelope envelope) {
            this.envelope = envelope;
        }

        int count() {
            return local.size() + remote.size();
        }

        /** Keeps the first failure: it names the problem nearest to the recipient the sender wrote. */
        void fail(RouteFailure reason) {
            if (failure == null) {
                failure = reason;
            }
        }
    }

    static MailboxAddress parse(String text) {
        try {
            return text == null || text.isEmpty() ? null : MailboxAddress.parse(text);
        } catch (AddressException e) {
            return null;
        }
    }
}
