package io.mailplatform.webmail.dns;

import io.mailplatform.store.dkim.DkimKey;
import java.util.ArrayList;
import java.util.List;

/**
 * The records a hosted domain should publish for mail to reach it and for its own mail to be
 * accepted elsewhere: MX, SPF, one DKIM key record per active key, DMARC. Pure: what is published
 * is checked by {@link DnsRecordCheck}.
 */
public final class DomainDnsRecords {
    private DomainDnsRecords() {
    }

    public static List<DnsRecord> of(String domain, String mailHost, List<DkimKey> keys) {
        List<DnsRecord> records = new ArrayList<>();
        records.add(new DnsRecord("MX", domain, "10 " + mailHost + ".", "other servers deliver mail for " + domain + " here",
                null, List.of()));
        records.add(new DnsRecord("TXT", domain, "v=spf1 mx -all",
                "SPF: the hosts that may send mail from @" + domain + " (here: its MX hosts)", null, List.of()));
        for (DkimKey key : keys) {
            if (key.active()) {
                records.add(new DnsRecord("TXT", key.dnsName(), key.dnsRecord(),
                        "DKIM: the key of selector " + key.selector() + " (" + key.algorithm() + ")", null, List.of()));
            }
        }
        records.add(new DnsRecord("TXT", "_dmarc." + domain, "v=DMARC1; p=none; rua=mailto:postmaster@" + domain,
                "DMARC: what receivers do with mail that fails SPF and DKIM; start with p=none", null, List.of()));
        return records;
    }
}
