package io.mailplatform.delivery.dane;

import io.mailplatform.delivery.relay.smtp.Tlsa;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TLSARecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.dnssec.ValidatingResolver;

/**
 * DNSSEC-validated look-ups for DANE (RFC 7672 §2.2): the destination's MX RRset must be secure
 * (if insecure, its TLSA records do not count, §2.2.1; if bogus, no host is used), then each MX host's {@code _25._tcp.<host>} TLSA
 * RRset: secure with usable records means DANE, insecure or without usable records means without
 * DANE, bogus means the host must not be used.
 *
 * <p>Validation is ours (dnsjava's {@link ValidatingResolver}, from the configured trust anchor) on
 * the answers of the configured resolvers, which must pass RRSIG, DNSKEY and DS records through.
 * Only when the first resolver is one of {@code trustAdFrom} (a validating resolver on a trusted
 * path, e.g. on localhost) is its AD bit taken instead (RFC 6698 §A.3.1: AD from elsewhere is
 * forgeable). Not cached: one MX and one TLSA query per host per connection attempt.
 */
public final class DaneResolver {
    private static final Logger log = LoggerFactory.getLogger(DaneResolver.class);

    private final Resolver resolver;
    private final boolean trustAd;

    /**
     * @param resolvers the recursive resolvers, in order
     * @param trustAnchor DS or DNSKEY records in zone-file syntax, absolute owners
     * @param trustAdFrom resolvers whose AD bit is believed
     */
    public DaneResolver(List<InetSocketAddress> resolvers, String trustAnchor, Set<InetSocketAddress> trustAdFrom,
            Duration timeout) {
        List<Resolver> heads = new ArrayList<>();
        for (InetSocketAddress address : resolvers) {
            SimpleResolver head = new SimpleResolver(address);
            head.setTimeout(timeout);
            heads.add(head);
        }
        Resolver head = heads.size() == 1 ? heads.get(0) : new ExtendedResolver(heads);
        head.setTimeout(timeout);
        this.trustAd = trustAdFrom.contains(resolvers.get(0));
        if (trustAd) {
            head.setEDNS(0, 0, ExtendedFlags.DO);
            this.resolver = head;
        } else {
            ValidatingResolver validating = new ValidatingResolver(head);
            try {
                validating.loadTrustAnchors(new ByteArrayInputStream(trustAnchor.getBytes(StandardCharsets.US_ASCII)));
            } catch (IOException e) {
                throw new UncheckedIOException("mail.relay.dane.trust-anchor: cannot be read", e);
            }
            if (validating.getTrustAnchors().items().isEmpty()) {
                throw new IllegalArgumentException("mail.relay.dane.trust-anchor holds no DS or DNSKEY record");
            }
            validating.setAddReasonToAdditional(true);
            validating.setTimeout(timeout);
            this.resolver = validating;
        }
    }

    /** DANE for the MX destination of {@code domain} with these MX host names. */
    public DaneLookup lookup(String domain, List<String> mxHosts) {
        DnssecAnswer mx = query(domain, Type.MX);
        Map<String, DaneHost> hosts = new HashMap<>();
        if (mx.status() == DnssecAnswer.Status.BOGUS) {
            // RFC 7672 §2.1.1: a bogus or indeterminate answer is a failed look-up, not an unsigned one, or an
            // attacker who breaks the signatures would turn DANE off: no host is used, the mail waits
            log.info("DANE: the MX records of {} failed DNSSEC validation ({}): deferred", domain, mx.reason());
            for (String host : mxHosts) {
                String name = host.toLowerCase(Locale.ROOT);
                hosts.put(name, new DaneHost(name, List.of(), "the DNSSEC validation of the MX records of " + domain
                        + " failed: " + mx.reason()));
            }
            return new DaneLookup.Secure(domain, hosts);
        }
        if (mx.status() != DnssecAnswer.Status.SECURE) {
            log.debug("DANE: MX of {} is {} ({}): no DANE", domain, mx.status(), mx.reason());
            return DaneLookup.NONE;
        }
        for (String host : mxHosts) {
            String name = host.toLowerCase(Locale.ROOT);
            DaneHost dane = tlsa(name);
            if (dane != null) {
                hosts.put(name, dane);
            }
        }
        return new DaneLookup.Secure(domain, hosts);
    }

    /** The host's DANE, or null when it has none (insecure, no records, or only unusable ones: RFC 7672 §2.2.2). */
    private DaneHost tlsa(String host) {
        DnssecAnswer answer = query("_25._tcp." + host, Type.TLSA);
        if (answer.status() == DnssecAnswer.Status.BOGUS) {
            return new DaneHost(host, List.of(), "the DNSSEC validation of the TLSA records of " + host + " failed: "
                    + answer.reason());
        }
        if (answer.status() == DnssecAnswer.Status.INSECURE) {
            return null;
        }
        List<Tlsa> usable = new ArrayList<>();
        for (Record record : answer.records()) {
            if (record instanceof TLSARecord tlsa && Tlsa.usable(tlsa.getCertificateUsage(), tlsa.getSelector(),
                    tlsa.getMatchingType())) {
                usable.add(new Tlsa(tlsa.getCertificateUsage(), tlsa.getSelector(), tlsa.getMatchingType(),
                        tlsa.getCertificateAssociationData()));
            }
        }
        return usable.isEmpty() ? null : new DaneHost(host, usable, null);
    }

    private DnssecAnswer query(String name, int type) {
        Message response;
        try {
            Message query = Message.newQuery(Record.newRecord(Name.fromString(name, Name.root), type, DClass.IN));
            query.getHeader().setFlag(Flags.AD); // RFC 6840 §5.7: ask for the AD bit
            response = resolver.send(query);
        } catch (TextParseException e) {
            return new DnssecAnswer(DnssecAnswer.Status.BOGUS, List.of(), "bad name " + name);
        } catch (IOException e) {
            return new DnssecAnswer(DnssecAnswer.Status.BOGUS, List.of(), "no answer: " + e.getMessage());
        }
        int rcode = response.getRcode();
        if (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) {
            return new DnssecAnswer(DnssecAnswer.Status.BOGUS, List.of(), reason(response));
        }
        if (!response.getHeader().getFlag(Flags.AD)) {
            return new DnssecAnswer(DnssecAnswer.Status.INSECURE, List.of(), "not signed, or no trust anchor");
        }
        List<Record> records = response.getSection(Section.ANSWER).stream().filter(r -> r.getType() == type).toList();
        return new DnssecAnswer(DnssecAnswer.Status.SECURE, records, null);
    }

    /** The validator's reason for a SERVFAIL, which it puts in the additional section. */
    private static String reason(Message response) {
        for (Record record : response.getSection(Section.ADDITIONAL)) {
            if (record.getDClass() == ValidatingResolver.VALIDATION_REASON_QCLASS) {
                return record.rdataToString();
            }
        }
        return Rcode.string(response.getRcode());
    }
}
