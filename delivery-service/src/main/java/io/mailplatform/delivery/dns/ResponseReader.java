package io.mailplatform.delivery.dns;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Reads a recursive resolver's response: follows the CNAME chain in the answer section from the
 * asked name (RFC 1034 §3.6.2), takes the records of the asked type at its end, and computes how
 * long the result may be cached: the smallest TTL of the records and CNAMEs used, at most
 * {@code maxTtl}; for a negative answer the SOA's TTL or MINIMUM, whichever is smaller (RFC 2308 §5),
 * between {@code minNegativeTtl} and {@code maxNegativeTtl}, and {@code minNegativeTtl} when the
 * resolver sent no SOA. Pure: no I/O.
 */
final class ResponseReader {
    private final Duration maxTtl;
    private final Duration minNegativeTtl;
    private final Duration maxNegativeTtl;

    ResponseReader(Duration maxTtl, Duration minNegativeTtl, Duration maxNegativeTtl) {
        this.maxTtl = maxTtl;
        this.minNegativeTtl = minNegativeTtl;
        this.maxNegativeTtl = maxNegativeTtl;
    }

    ResponseReading read(Message response, Name name, int type) {
        List<org.xbill.DNS.Record> answers = response.getSection(Section.ANSWER);
        Name current = name;
        Duration chainTtl = maxTtl;
        int hops = 0;
        Set<Name> seen = new HashSet<>();
        seen.add(current);
        while (true) {
            List<org.xbill.DNS.Record> found = new ArrayList<>();
            Duration ttl = chainTtl;
            CNAMERecord alias = null;
            for (org.xbill.DNS.Record record : answers) {
                if (!record.getName().equals(current)) {
                    continue;
                }
                if (record.getType() == type) {
                    found.add(record);
                    ttl = min(ttl, Duration.ofSeconds(record.getTTL()));
                } else if (record.getType() == Type.CNAME && alias == null) {
                    alias = (CNAMERecord) record;
                }
            }
            if (!found.isEmpty()) {
                return new ResponseReading.Answered(DnsAnswer.of(found, ttl));
            }
            if (alias == null) {
                break;
            }
            chainTtl = min(chainTtl, Duration.ofSeconds(alias.getTTL()));
            hops++;
            current = alias.getTarget();
            if (!seen.add(current)) {
                // a CNAME loop: nothing at its end (the chain limit of the caller ends longer ones)
                return new ResponseReading.Answered(DnsAnswer.of(List.of(), min(chainTtl, negativeTtl(response))));
            }
        }
        if (response.getRcode() == Rcode.NXDOMAIN) {
            // RFC 6604: the rcode is about the last name of the chain
            return new ResponseReading.Answered(DnsAnswer.noSuchName(min(chainTtl, negativeTtl(response))));
        }
        if (hops > 0 && !hasSoa(response)) {
            // the chain ends at a name the response says nothing about: ask for it next
            return new ResponseReading.Alias(current, hops, chainTtl);
        }
        return new ResponseReading.Answered(DnsAnswer.of(List.of(), min(chainTtl, negativeTtl(response))));
    }

    private Duration negativeTtl(Message response) {
        Duration ttl = minNegativeTtl;
        for (org.xbill.DNS.Record record : response.getSection(Section.AUTHORITY)) {
            if (record instanceof SOARecord soa) {
                ttl = Duration.ofSeconds(Math.min(soa.getTTL(), soa.getMinimum()));
                break;
            }
        }
        if (ttl.compareTo(minNegativeTtl) < 0) {
            ttl = minNegativeTtl;
        }
        return min(ttl, maxNegativeTtl);
    }

    private static boolean hasSoa(Message response) {
        for (org.xbill.DNS.Record record : response.getSection(Section.AUTHORITY)) {
            if (record.getType() == Type.SOA) {
                return true;
            }
        }
        return false;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
