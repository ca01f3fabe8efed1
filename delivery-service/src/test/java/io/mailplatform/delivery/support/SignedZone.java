package io.mailplatform.delivery.support;

import io.mailplatform.testsupport.dns.StubDnsServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Master;

/**
 * A DNSSEC-signed zone made in the test (ECDSA P-256, algorithm 13, RFC 6605): one key, signing its
 * own DNSKEY RRset and every RRset added; the key is the trust anchor. Served by the stub DNS.
 */
public final class SignedZone {
    private final Name apex;
    private final KeyPair keys;
    private final DNSKEYRecord dnskey;
    private final StubDnsServer dns;

    public SignedZone(String apex, StubDnsServer dns) throws Exception {
        this.apex = Name.fromString(apex, Name.root);
        this.dns = dns;
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        this.keys = generator.generateKeyPair();
        this.dnskey = new DNSKEYRecord(this.apex, DClass.IN, 300, DNSKEYRecord.Flags.ZONE_KEY | DNSKEYRecord.Flags.SEP_KEY,
                DNSKEYRecord.Protocol.DNSSEC, DNSSEC.Algorithm.ECDSAP256SHA256, keys.getPublic());
        add(dnskey.toString());
    }

    /** The zone's key in zone-file syntax, as {@code mail.relay.dane.trust-anchor} takes it. */
    public String trustAnchor() {
        return dnskey.toString();
    }

    /** Adds the records (one RRset: same owner and type) and their signature. */
    public SignedZone add(String... lines) throws Exception {
        RRset set = rrset(lines);
        for (String line : lines) {
            dns.add(line);
        }
        dns.add(sign(set).toString());
        return this;
    }

    /** Serves {@code lines} with the signature of {@code signedLines}: a bogus RRset (RFC 4035 §4.3). */
    public SignedZone addForged(List<String> lines, List<String> signedLines) throws Exception {
        for (String line : lines) {
            dns.add(line);
        }
        dns.add(sign(rrset(signedLines.toArray(String[]::new))).toString());
        return this;
    }

    private RRSIGRecord sign(RRset set) throws Exception {
        Instant now = Instant.now();
        return DNSSEC.sign(set, dnskey, keys.getPrivate(), now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)));
    }

    private static RRset rrset(String... lines) throws IOException {
        RRset set = new RRset();
        for (String line : lines) {
            try (Master master = new Master(new ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8)), Name.root)) {
                set.addRR(master.nextRecord());
            }
        }
        return set;
    }
}
