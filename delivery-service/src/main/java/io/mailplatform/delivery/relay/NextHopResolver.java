package io.mailplatform.delivery.relay;

import io.mailplatform.core.address.AddressException;
import io.mailplatform.core.address.Domain;
import io.mailplatform.core.mtasts.MtaStsMode;
import io.mailplatform.delivery.config.RelayProperties;
import io.mailplatform.delivery.dns.MxResolution;
import io.mailplatform.delivery.dns.MxResolver;
import io.mailplatform.delivery.dns.MxTarget;
import io.mailplatform.delivery.mtasts.StsLookup;
import io.mailplatform.delivery.relay.smtp.RemoteHost;
import io.mailplatform.delivery.relay.smtp.SmtpCredentials;
import io.mailplatform.delivery.relay.smtp.TlsPolicy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Routes a domain: its static route if it has one, else the smart host if there is one, else its MX
 * hosts (RFC 5321 §5.1), or the address itself for an address literal. Never to ourselves: an MX host named as this server, and every host of the
 * same or a lower preference, is dropped (§5.1); an address that is one of our own listeners is
 * dropped; if that leaves nothing, the mail "loops back to myself", a permanent error (5.4.6).
 * Names in routes and the smart host are resolved by the system's resolver ({@code /etc/hosts}
 * first); MX hosts by the platform's DNS client. Blocks for DNS.
 *
 * <p>MX routing applies the domain's MTA-STS policy (RFC 8461 §5.1): in mode enforce only the MX
 * hosts the policy names are used, over TLS with a verified certificate, and a domain none of whose
 * MX hosts is named waits (4.7.5) rather than bounce; in mode testing the hosts are tried the same
 * way, but a failure is reported and the mail goes as without a policy (the dispatcher's part).
 */
public final class NextHopResolver {
    /** RFC 3463 X.4.6: routing loop detected. */
    public static final String LOOP = "5.4.6";
    /** RFC 3463 X.4.4: unable to route (an address literal that is no address). */
    private static final String UNROUTABLE = "5.4.4";
    /** RFC 3463 X.7.5: cryptographic failure (no MX host the MTA-STS policy allows). */
    static final String STS_MISMATCH = "4.7.5";
    /** RFC 3463 X.4.3: directory server failure (a name that does not resolve now). */
    private static final String NO_ADDRESS = "4.4.3";

    private final RelayProperties settings;
    private final MxResolver mx;
    private final OwnListeners ourselves;
    private final SmtpCredentials smartHostCredentials;
    private final Function<String, StsLookup> stsPolicies;

    /** Without MTA-STS. */
    public NextHopResolver(RelayProperties settings, MxResolver mx, OwnListeners ourselves) {
        this(settings, mx, ourselves, domain -> StsLookup.ABSENT);
    }

    /** @param stsPolicies the MTA-STS policy of a domain ({@code MtaStsPolicies::lookup}) */
    public NextHopResolver(RelayProperties settings, MxResolver mx, OwnListeners ourselves,
            Function<String, StsLookup> stsPolicies) {
        this.stsPolicies = stsPolicies;
        this.settings = settings;
        this.mx = mx;
        this.ourselves = ourselves;
        this.smartHostCredentials = settings.smartHostUsername() == null ? null
                : new SmtpCredentials(settings.smartHostUsername(), settings.smartHostPassword());
    }

    public Destination resolve(String domain) {
        String name = domain.toLowerCase(Locale.ROOT);
        String route = settings.routes().get(name);
        if (route != null) {
            return fixed(name, "route", HostPort.parse(route, 25), settings.routeTls(name), null);
        }
        if (settings.smartHost() != null) {
            return fixed(name, "smart-host", HostPort.parse(settings.smartHost(), 25), settings.smartHostTls(),
                    smartHostCredentials);
        }
        if (name.startsWith("[")) {
            return literal(name);
        }
        return exchanges(name);
    }

    /** RFC 5321 §5.1: mail to an address literal goes to that address, no MX look-up. */
    private Destination literal(String domain) {
        String address;
        try {
            Domain.parse(domain); // IPv4, or IPv6: and hex digits, colons and dots only: never a name to look up
            String inner = domain.substring(1, domain.length() - 1);
            if (inner.regionMatches(true, 0, "IPv6:", 0, 5)) {
                address = inner.substring(5);
            } else if (inner.indexOf(':') < 0) {
                address = inner;
            } else {
                return new Destination.Unreachable(true, UNROUTABLE, "550 " + UNROUTABLE + " " + domain
                        + " is no IP address literal");
            }
            return fixed(domain, "address literal", new HostPort(InetAddress.getByName(address).getHostAddress(),
                    settings.mxPort()), TlsPolicy.OPPORTUNISTIC, null);
        } catch (AddressException | UnknownHostException e) {
            return new Destination.Unreachable(true, UNROUTABLE, "550 " + UNROUTABLE + " invalid address literal "
                    + domain);
        }
    }

    private Destination fixed(String domain, String kind, HostPort target, TlsPolicy tls, SmtpCredentials credentials) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(target.host());
        } catch (UnknownHostException e) {
            return new Destination.Unreachable(false, NO_ADDRESS, "451 " + NO_ADDRESS + " the " + kind + " " + target
                    + " for " + domain + " does not resolve");
        }
        List<RemoteHost> hosts = new ArrayList<>();
        for (InetAddress address : addresses) {
            InetSocketAddress socket = new InetSocketAddress(address, target.port());
            if (!ourselves.isOwnListener(socket)) {
                hosts.add(new RemoteHost(target.host(), socket));
            }
        }
        if (hosts.isEmpty()) {
            return loop(domain, "the " + kind + " " + target + " is this server's own listener");
        }
        return new Destination.Reachable(new NextHop(kind + ":" + target + ":" + tls, hosts, tls, credentials));
    }

    private Destination exchanges(String domain) {
        MxResolution resolution = mx.resolve(domain);
        if (resolution instanceof MxResolution.NullMx) {
            return new Destination.Unreachable(true, MxResolution.NullMx.STATUS,
                    "550 " + MxResolution.NullMx.STATUS + " " + domain + " accepts no mail (null MX, RFC 7505)");
        }
        if (resolution instanceof MxResolution.Failure failure) {
            return new Destination.Unreachable(failure.permanent(), failure.status(),
                    (failure.permanent() ? "550 " : "451 ") + failure.status() + " " + failure.reason());
        }
        List<MxTarget> targets = ((MxResolution.Destinations) resolution).targets();
        StsApplied sts = stsPolicies.apply(domain) instanceof StsLookup.Present present
                ? new StsApplied(domain, present.id(), present.policy()) : null;
        if (sts != null && sts.mode() == MtaStsMode.ENFORCE) {
            // RFC 8461 §4.1: never to an MX host the policy does not name
            List<MxTarget> allowed = targets.stream().filter(t -> sts.policy().permits(t.host())).toList();
            if (allowed.isEmpty()) {
                return new Destination.Unreachable(false, STS_MISMATCH, "451 " + STS_MISMATCH + " no MX host of " + domain
                        + " is allowed by its MTA-STS policy (mx: " + String.join(", ", sts.policy().mx()) + ")");
            }
            targets = allowed;
        }
        // RFC 5321 §5.1: if we are one of the MX hosts, only the more preferred ones may be used
        int ownPreference = Integer.MAX_VALUE;
        for (MxTarget target : targets) {
            if (ourselves.isOwnName(target.host())) {
                ownPreference = Math.min(ownPreference, target.preference());
            }
        }
        List<RemoteHost> hosts = new ArrayList<>();
        TreeSet<String> names = new TreeSet<>();
        for (MxTarget target : targets) {
            if (target.preference() >= ownPreference) {
                continue;
            }
            for (InetAddress address : target.addresses()) {
                InetSocketAddress socket = new InetSocketAddress(address, settings.mxPort());
                if (!ourselves.isOwnListener(socket)) {
                    hosts.add(new RemoteHost(target.host(), socket));
                    names.add(target.host().toLowerCase(Locale.ROOT));
                }
            }
        }
        if (hosts.isEmpty()) {
            return loop(domain, "its MX hosts are this server");
        }
        if (sts == null) {
            return new Destination.Reachable(new NextHop("mx:" + String.join(",", names), hosts, TlsPolicy.OPPORTUNISTIC,
                    null));
        }
        return new Destination.Reachable(new NextHop("mx:" + String.join(",", names) + ":sts-" + sts.mode().keyword(),
                hosts, TlsPolicy.AUTHENTICATED, null, sts));
    }

    private static Destination loop(String domain, String why) {
        return new Destination.Unreachable(true, LOOP, "554 " + LOOP + " mail for " + domain + " loops back to myself: "
                + why);
    }
}
