package io.mailplatform.delivery.dns;

import java.time.Duration;
import org.xbill.DNS.Name;

/** What one response says about the asked name and type. */
sealed interface ResponseReading {

    /** How long this reading may be relied on. */
    Duration ttl();

    /** The answer: records (or none) at the end of the CNAME chain the response carried. */
    record Answered(DnsAnswer<org.xbill.DNS.Record> answer) implements ResponseReading {
        @Override
        public Duration ttl() {
            return answer.ttl();
        }
    }

    /**
     * The response ends in a CNAME whose target it says nothing about: the target must be asked next.
     *
     * @param target the name to ask next
     * @param hops CNAMEs followed within this response
     * @param ttl the smallest TTL of those CNAMEs
     */
    record Alias(Name target, int hops, Duration ttl) implements ResponseReading {
    }
}
