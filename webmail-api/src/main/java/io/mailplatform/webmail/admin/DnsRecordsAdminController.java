package io.mailplatform.webmail.admin;

import io.mailplatform.store.dkim.DkimKeys;
import io.mailplatform.webmail.config.HttpProperties;
import io.mailplatform.webmail.dns.DnsCheckProperties;
import io.mailplatform.webmail.dns.DnsRecord;
import io.mailplatform.webmail.dns.DnsRecordCheck;
import io.mailplatform.webmail.dns.DomainDnsRecords;
import io.mailplatform.webmail.mtasts.PublishedPolicy;
import java.util.List;
import java.util.Locale;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The DNS records a hosted domain should publish (MX, SPF, DKIM, DMARC), and with {@code check=true}
 * what DNS has for each: {@code ok}, {@code missing}, {@code different} or {@code error}.
 */
@RestController
public class DnsRecordsAdminController {
    private final DkimKeys keys;
    private final DnsRecordCheck check;
    private final String defaultMailHost;
    private final PublishedPolicy sts;

    public DnsRecordsAdminController(DkimKeys keys, DnsRecordCheck check, DnsCheckProperties properties,
            HttpProperties http, PublishedPolicy sts) {
        this.keys = keys;
        this.check = check;
        this.defaultMailHost = PublishedPolicy.mailHost(properties, http);
        this.sts = sts;
    }

    public record DnsRecordsView(String domain, String mailHost, List<DnsRecord> records) {
    }

    /** 200 with the records; 404 for a domain not hosted here. */
    @GetMapping("/api/admin/domains/{domain}/dns-records")
    public DnsRecordsView records(@PathVariable String domain, @RequestParam(required = false) String mailHost,
            @RequestParam(defaultValue = "false") boolean check) {
        String host = mailHost == null || mailHost.isBlank() ? defaultMailHost : mailHost;
        List<DnsRecord> records = keys.list(domain)
                .map(list -> DomainDnsRecords.of(domain.toLowerCase(Locale.ROOT), host, list,
                        sts.enabled() ? sts.record() : null, sts.httpsHost()))
                .orElseThrow(() -> AdminResponses.notFound("no domain " + domain));
        return new DnsRecordsView(domain.toLowerCase(Locale.ROOT), host, check ? this.check.check(records) : records);
    }
}
