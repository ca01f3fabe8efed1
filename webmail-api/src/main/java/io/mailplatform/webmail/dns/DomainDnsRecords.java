package io.mailplatform.webmail.dns;

import io.mailplatform.store.dkim.DkimKey;
import io.mailplatform.core.mtasts.MtaStsRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * The records a hosted domain should publish for mail to reach it and for its own mail to be
 * accepted elsewhere: MX, SPF, one DKIM key record per active key, DMARC; for TLS between servers
 * the MTA-STS record and the policy host (RFC 8461 §3) and the TLS-RPT record (RFC 8460 §3). Pure:
 * what is published is checked by {@link DnsRecordCheck}.
 */
public final class DomainDnsRecords {
    private DomainDnsRecords() {
    }

    /**
     * @param sts the {@code _mta-sts} record of the published policy, or null when none is published
     * @param httpsHost the host that serves the policy file
     */
    public static List<DnsRecord> of(String domain, String mailHost, List<DkimKey> keys, MtaStsRecord sts,
            String httpsHost) {
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
        if (sts != null) {
            records.add(new DnsRecord("TXT", MtaStsRecord.name(domain), sts.text(),
                    "MTA-STS: senders fetch the policy from https://mta-sts." + domain + "/.well-known/mta-sts.txt;"
                            + " the id changes with the policy", null, List.of()));
            records.add(new DnsRecord("CNAME", "mta-sts." + domain, httpsHost + ".",
                    "MTA-STS: the policy host, served by the webmail's HTTPS server, whose certificate must name it",
                    null, List.of()));
        }
        records.add(new DnsRecord("TXT", "_smtp._tls." + domain, "v=TLSRPTv1; rua=mailto:postmaster@" + domain,
                "TLS-RPT: where other servers send daily reports of their TLS sessions with " + domain, null, List.of()));
        return records;
    }
}
