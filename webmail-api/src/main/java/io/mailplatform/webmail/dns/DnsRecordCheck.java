package io.mailplatform.webmail.dns;

import io.mailplatform.core.mtasts.MtaStsRecord;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Looks up what a domain publishes and compares it with what it should: an MX pointing at the mail
 * host, an SPF record, each DKIM key record with our public key, a DMARC record, the MTA-STS record
 * with the id of the policy served, the policy host as a CNAME to this server, a TLS-RPT record. SPF and DMARC
 * records the operator wrote differently are fine as long as there is one (status {@code ok}); a DKIM
 * record must carry our key, an MX must name our host.
 */
public class DnsRecordCheck {
    private final Resolver resolver;

    public DnsRecordCheck(DnsCheckProperties properties) throws UnknownHostException {
        Resolver chosen;
        if (properties.resolver() == null || properties.resolver().isBlank()) {
            chosen = new ExtendedResolver();
        } else {
            String[] hostPort = properties.resolver().split(":");
            SimpleResolver simple = new SimpleResolver(hostPort[0]);
            if (hostPort.length > 1) {
                simple.setPort(Integer.parseInt(hostPort[1]));
            }
            chosen = simple;
        }
        chosen.setTimeout(properties.timeout());
        this.resolver = chosen;
    }

    public List<DnsRecord> check(List<DnsRecord> expected) {
        List<DnsRecord> checked = new ArrayList<>(expected.size());
        for (DnsRecord record : expected) {
            checked.add(check(record));
        }
        return checked;
    }

    private DnsRecord check(DnsRecord record) {
        List<String> found;
        try {
            found = lookUp(record.name(), switch (record.type()) {
                case "MX" -> Type.MX;
                case "CNAME" -> Type.CNAME;
                default -> Type.TXT;
            });
        } catch (LookupFailed e) {
            return record.checked("error", List.of(e.getMessage()));
        }
        if (record.type().equals("MX")) {
            String host = record.value().substring(record.value().indexOf(' ') + 1).toLowerCase(Locale.ROOT);
            boolean ours = found.stream().anyMatch(mx -> mx.substring(mx.indexOf(' ') + 1).equals(host));
            return record.checked(found.isEmpty() ? "missing" : ours ? "ok" : "different", found);
        }
        if (record.type().equals("CNAME")) {
            return record.checked(found.isEmpty() ? "missing" : found.contains(record.value().toLowerCase(Locale.ROOT))
                    ? "ok" : "different", found);
        }
        String prefix = record.value().substring(0, record.value().indexOf(';') < 0 ? record.value().indexOf(' ')
                : record.value().indexOf(';'));
        List<String> relevant = found.stream().filter(text -> text.startsWith(prefix)).toList();
        if (relevant.isEmpty()) {
            return record.checked("missing", found);
        }
        if (record.value().startsWith("v=DKIM1")) {
            String key = record.value().substring(record.value().indexOf("p=") + 2);
            boolean same = relevant.stream().anyMatch(text -> text.replaceAll("\\s", "").contains("p=" + key));
            return record.checked(same ? "ok" : "different", relevant);
        }
        if (record.value().startsWith("v=STSv1")) { // an old id keeps senders on the old policy (RFC 8461 §3.1)
            boolean current = MtaStsRecord.find(relevant).map(MtaStsRecord::text).filter(record.value()::equals).isPresent();
            return record.checked(current ? "ok" : "different", relevant);
        }
        return record.checked(relevant.size() == 1 ? "ok" : "different", relevant);
    }

    private List<String> lookUp(String name, int type) throws LookupFailed {
        Lookup lookup;
        try {
            lookup = new Lookup(Name.fromString(name.endsWith(".") ? name : name + "."), type);
        } catch (TextParseException e) {
            throw new LookupFailed("not a domain name: " + name);
        }
        lookup.setResolver(resolver);
        lookup.setCache(null);
        Record[] answers = lookup.run();
        if (lookup.getResult() == Lookup.HOST_NOT_FOUND || lookup.getResult() == Lookup.TYPE_NOT_FOUND) {
            return List.of();
        }
        if (lookup.getResult() != Lookup.SUCCESSFUL) {
            throw new LookupFailed("look-up failed: " + lookup.getErrorString());
        }
        List<String> values = new ArrayList<>();
        for (Record answer : answers) {
            if (answer instanceof MXRecord mx) {
                values.add(mx.getPriority() + " " + mx.getTarget().toString().toLowerCase(Locale.ROOT));
            } else if (answer instanceof CNAMERecord cname) {
                values.add(cname.getTarget().toString().toLowerCase(Locale.ROOT));
            } else if (answer instanceof TXTRecord txt) {
                values.add(String.join("", txt.getStrings()));
            }
        }
        return values;
    }

    private static final class LookupFailed extends Exception {
        LookupFailed(String message) {
            super(message);
        }
    }
}
