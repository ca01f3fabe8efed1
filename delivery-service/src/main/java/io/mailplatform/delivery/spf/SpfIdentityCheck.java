package io.mailplatform.delivery.spf;

import io.mailplatform.core.envelope.Envelope;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Runs check_host() for the identities of an SMTP envelope: MAIL FROM and HELO (RFC 7208 §2.3, §2.4),
 * each verdict reused from the {@link SpfVerdictCache} while it holds.
 */
public final class SpfIdentityCheck {
    private final SpfChecker checker;
    private final SpfVerdictCache cache;

    public SpfIdentityCheck(SpfChecker checker, SpfVerdictCache cache) {
        this.checker = checker;
        this.cache = cache;
    }

    /**
     * Both checks of an envelope. An unexpected failure inside a check counts as temperror: SPF
     * decides headers and folders, never whether mail is delivered.
     */
    public SpfOutcome check(Envelope envelope) {
        String helo = envelope.heloName() == null ? "" : envelope.heloName();
        InetAddress ip;
        try {
            ip = literal(envelope.clientAddress());
        } catch (UnknownHostException | IllegalArgumentException e) {
            SpfVerdict none = new SpfVerdict(SpfResult.NONE, null, "client address unknown");
            return new SpfOutcome(none, "mailfrom", envelope.reversePath(), null, String.valueOf(envelope.clientAddress()),
                    helo);
        }
        String client = ip.getHostAddress();
        String heloSender = "postmaster@" + helo;
        if (envelope.isNullReversePath()) {
            // RFC 7208 §2.4: with the null reverse-path the HELO identity stands in for MAIL FROM
            return new SpfOutcome(safely(ip, helo, heloSender, helo), "helo", heloSender, null, client, helo);
        }
        String sender = envelope.reversePath();
        String domain = sender.substring(sender.lastIndexOf('@') + 1);
        SpfVerdict mailFrom = safely(ip, domain, sender, helo);
        SpfVerdict heloVerdict = SpfChecker.isMultiLabelName(helo) ? safely(ip, helo, heloSender, helo) : null;
        return new SpfOutcome(mailFrom, "mailfrom", sender, heloVerdict, client, helo);
    }

    /** The outcome of a check that did not finish in time: temperror for the identity that decides. */
    public static SpfOutcome unfinished(Envelope envelope, String reason) {
        String helo = envelope.heloName() == null ? "" : envelope.heloName();
        boolean nullSender = envelope.isNullReversePath();
        return new SpfOutcome(new SpfVerdict(SpfResult.TEMPERROR, null, reason), nullSender ? "helo" : "mailfrom",
                nullSender ? "postmaster@" + helo : envelope.reversePath(), null, String.valueOf(envelope.clientAddress()),
                helo);
    }

    private SpfVerdict safely(InetAddress ip, String domain, String sender, String helo) {
        String localPart = sender.substring(0, Math.max(0, sender.lastIndexOf('@')));
        SpfVerdict cached = cache.get(ip, domain, localPart, helo);
        if (cached != null) {
            return cached;
        }
        try {
            SpfChecker.Evaluation evaluation = checker.evaluate(ip, domain, sender, helo);
            cache.put(ip, domain, localPart, helo, evaluation);
            return evaluation.verdict();
        } catch (RuntimeException e) {
            return new SpfVerdict(SpfResult.TEMPERROR, null, "internal error: " + e);
        }
    }

    /** Parses an IP address literal without ever asking DNS. */
    private static InetAddress literal(String text) throws UnknownHostException {
        if (text == null || text.isEmpty()) {
            throw new UnknownHostException("no address");
        }
        String t = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        byte[] v4 = IpAddresses.parseIp4(t);
        if (v4 != null) {
            return InetAddress.getByAddress(v4);
        }
        String v6 = t.regionMatches(true, 0, "IPv6:", 0, 5) ? t.substring(5) : t;
        int zone = v6.indexOf('%');
        byte[] bytes = IpAddresses.parseIp6(zone < 0 ? v6 : v6.substring(0, zone));
        if (bytes == null) {
            throw new UnknownHostException(text);
        }
        return InetAddress.getByAddress(bytes);
    }
}
