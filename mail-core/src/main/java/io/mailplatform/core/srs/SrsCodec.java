package io.mailplatform.core.srs;

import io.mailplatform.core.address.AddressException;
import io.mailplatform.core.address.Domain;
import io.mailplatform.core.address.MailboxAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The Sender Rewriting Scheme in the form libsrs2, postsrsd and Mail::SRS write it (Shevek, "The
 * Sender Rewriting Scheme", 2004), so that addresses made by one verify in the others with the same
 * secret. A forwarder replaces the reverse path of mail it passes on with an address of its own,
 * from which SPF at the next hop is checked and to which bounces return:
 * <pre>
 *   user@orig.example                      → SRS0=HHHH=TT=orig.example=user@forwarder
 *   SRS0=hhhh=tt=orig.example=user@first   → SRS1=HHHH=first==hhhh=tt=orig.example=user@forwarder
 *   SRS1=hhhh=first==...@previous          → SRS1=HHHH=first==...@forwarder
 * </pre>
 * {@code HHHH} is the {@linkplain SrsHash keyed hash} of the fields after it, {@code TT} the
 * {@linkplain SrsTimestamp day} the address was made. A second forwarder does not wrap an SRS0
 * address again but points at the first one (SRS1), so addresses do not grow with every hop;
 * reversing an SRS1 address gives the SRS0 address at the first forwarder, which checks its own
 * hash and timestamp. The first separator may be {@code =}, {@code +} or {@code -} on input; this
 * codec writes {@code =}.
 */
public final class SrsCodec {
    private static final char SEPARATOR = '=';

    private final SrsHash hash;
    private final List<byte[]> secrets;
    private final int maxAgeDays;
    private final Clock clock;

    /**
     * @param secrets the keys of the hash: the first signs, all verify (rotation)
     * @param maxAgeDays how many days an SRS0 address stays valid (libsrs2's default is 21); at most 1000,
     *        since timestamps wrap after 1024 days
     * @param clock the time the timestamps count from
     */
    public SrsCodec(List<byte[]> secrets, int maxAgeDays, Clock clock) {
        if (maxAgeDays < 1 || maxAgeDays > 1000) {
            throw new IllegalArgumentException("the maximum age of SRS addresses must be 1 to 1000 days, not " + maxAgeDays);
        }
        this.secrets = secrets.stream().map(byte[]::clone).toList();
        this.hash = new SrsHash(this.secrets);
        this.maxAgeDays = maxAgeDays;
        this.clock = clock;
    }

    /** The same secrets and maximum age on another clock. */
    public SrsCodec withClock(Clock other) {
        return new SrsCodec(secrets, maxAgeDays, other);
    }

    /**
     * The address at {@code srsDomain} that stands for this sender, or empty when it would not fit in
     * an SMTP path (RFC 5321 §4.5.3.1.3: 256 octets with the brackets), so that no bounce could
     * return to it. The local part may be longer than 64 octets; MTAs take that from forwarders.
     */
    public Optional<MailboxAddress> forward(MailboxAddress sender, Domain srsDomain) {
        String local = sender.localPart();
        String host = sender.domain().name();
        String rewritten;
        String[] foreign = isTag(local, '1') ? srs1Fields(local) : null;
        if (foreign != null && isDomain(foreign[1])) {
            rewritten = srs1(foreign[1], foreign[2]);
        } else if (isTag(local, '0')) {
            // the rest keeps its own first separator: SRS0=... becomes ...=host==...
            rewritten = srs1(host, local.substring(4));
        } else {
            // any other sender, an SRS1 one this codec could not reverse included
            String stamp = SrsTimestamp.create(clock.instant());
            rewritten = "SRS0" + SEPARATOR + hash.create(stamp, host, local) + SEPARATOR + stamp + SEPARATOR + host
                    + SEPARATOR + local;
        }
        MailboxAddress address = new MailboxAddress(rewritten, srsDomain);
        int pathOctets = address.toString().getBytes(StandardCharsets.UTF_8).length + 2;
        return pathOctets > MailboxAddress.MAX_PATH_OCTETS ? Optional.empty() : Optional.of(address);
    }

    /**
     * What an SRS address of ours stands for. Its domain is not looked at: the caller decides which
     * of its domains take SRS addresses. An SRS1 address has no timestamp of its own.
     */
    public SrsReversal reverse(MailboxAddress address) {
        String local = address.localPart();
        if (isTag(local, '1')) {
            String[] fields = srs1Fields(local);
            if (fields == null) {
                return new SrsReversal.Refused(SrsReversal.Reason.MALFORMED);
            }
            if (!hash.verify(fields[0], fields[1], fields[2])) {
                return new SrsReversal.Refused(SrsReversal.Reason.BAD_HASH);
            }
            return reversed("SRS0" + fields[2], fields[1]);
        }
        if (!isTag(local, '0')) {
            return new SrsReversal.Refused(SrsReversal.Reason.MALFORMED);
        }
        String[] fields = local.substring(5).split(String.valueOf(SEPARATOR), 4);
        if (fields.length < 4 || fields[0].isEmpty() || fields[2].isEmpty() || fields[3].isEmpty()) {
            return new SrsReversal.Refused(SrsReversal.Reason.MALFORMED);
        }
        // the timestamp before the hash, as libsrs2 checks them
        int age = SrsTimestamp.age(fields[1], clock.instant());
        if (age < 0) {
            return new SrsReversal.Refused(SrsReversal.Reason.MALFORMED);
        }
        // a day ahead is the clock of another instance that has passed midnight first, not an old address
        if (age > maxAgeDays && age != SrsTimestamp.SLOTS - 1) {
            return new SrsReversal.Refused(SrsReversal.Reason.EXPIRED);
        }
        if (!hash.verify(fields[0], fields[1], fields[2], fields[3])) {
            return new SrsReversal.Refused(SrsReversal.Reason.BAD_HASH);
        }
        return reversed(fields[3], fields[2]);
    }

    private String srs1(String firstHost, String rest) {
        return "SRS1" + SEPARATOR + hash.create(firstHost, rest) + SEPARATOR + firstHost + SEPARATOR + rest;
    }

    /** {hash, first forwarder, rest of its SRS0 address} of an SRS1 local part, or null when one is missing. */
    private static String[] srs1Fields(String local) {
        String[] fields = local.substring(5).split(String.valueOf(SEPARATOR), 3);
        if (fields.length < 3 || fields[0].isEmpty() || fields[1].isEmpty() || fields[2].isEmpty()) {
            return null;
        }
        return fields;
    }

    private static SrsReversal reversed(String local, String host) {
        try {
            return new SrsReversal.Reversed(new MailboxAddress(local, Domain.parse(host)));
        } catch (AddressException e) {
            return new SrsReversal.Refused(SrsReversal.Reason.MALFORMED);
        }
    }

    private static boolean isDomain(String host) {
        try {
            return !Domain.parse(host).isAddressLiteral();
        } catch (AddressException e) {
            return false;
        }
    }

    private static boolean isTag(String local, char version) {
        return MailboxAddress.isSrsLocalPart(local) && local.charAt(3) == version;
    }
}
