package io.mailplatform.delivery.dkim;

import io.mailplatform.core.dns.TxtLookup;
import io.mailplatform.delivery.dns.DnsException;
import io.mailplatform.delivery.dns.DnsResolver;
import java.util.List;

/** TXT look-ups of DKIM keys and DMARC records through the delivery service's caching DNS client. */
public final class DnsTxtLookup implements TxtLookup {
    private final DnsResolver dns;

    public DnsTxtLookup(DnsResolver dns) {
        this.dns = dns;
    }

    @Override
    public List<String> txt(String name) throws TemporaryFailure {
        try {
            return dns.txt(name).records();
        } catch (DnsException e) {
            throw new TemporaryFailure(e.getMessage());
        }
    }
}
