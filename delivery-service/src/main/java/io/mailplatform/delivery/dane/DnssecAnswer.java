package io.mailplatform.delivery.dane;

import java.util.List;
import org.xbill.DNS.Record;

/**
 * A DNS answer with its DNSSEC status (RFC 4035 §4.3).
 *
 * @param status secure, insecure or bogus (bogus also for a look-up that failed: indeterminate)
 * @param records the answer's records of the asked type
 * @param reason why it is bogus, or null
 */
record DnssecAnswer(Status status, List<Record> records, String reason) {
    enum Status {
        SECURE, INSECURE, BOGUS
    }
}
