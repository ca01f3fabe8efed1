package io.mailplatform.store.config;

import io.mailplatform.core.address.AddressException;
import io.mailplatform.core.address.MailboxAddress;
import io.mailplatform.core.auth.LoginThrottle;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings shared by every service that uses the store ({@code mail.store.*}).
 *
 * @param inboundPartitions partitions of the {@code mail.inbound} topic when the platform creates it (default 6)
 * @param eventPartitions partitions of the {@code mailbox.events} topic when the platform creates it (default 6)
 * @param eventLinger how long mailbox events wait to be sent to Kafka together: they are hints for other
 *        processes and for idle sessions, this process's sessions learn of their own writes at once, and
 *        each send is a request the broker handles (default 20ms)
 * @param replicationFactor replication factor of the platform's topics (default 1; use 3 in production)
 * @param maxMessageBytes largest Kafka record the platform produces and its topics accept (default 64 MiB)
 * @param authCacheTtl how long a successful password check is remembered, sparing the adaptive hash
 *        on every login of busy clients (default 60 s; 0 disables)
 * @param loginThrottle failed-login throttling shared by every protocol
 * @param postmaster the local mailbox that receives mail for the bare {@code <Postmaster>} and for
 *        {@code postmaster@} any local domain without such an address of its own (RFC 5321 §4.5.1);
 *        checked at start. Until it names a deliverable local address, {@code RCPT TO:<Postmaster>} gets
 *        451 4.3.5 (default: none)
 * @param subaddressSeparator separates user and tag in {@code user+tag@domain} (RFC 5233), for the
 *        gateway's recipient and sender checks and for delivery; empty disables subaddressing (default "+")
 * @param limits bounds on what one logged-in user can make the store keep or do
 * @param contentCache octets of stored messages (decoded summaries, headers, small messages) each service
 *        keeps in memory for FETCH, which then reads only the messages' metadata; contents never change, and
 *        a database restored under a running service empties it (default 32MB; 0 disables)
 */
@Validated
@ConfigurationProperties("mail.store")
public record StoreProperties(
        @DefaultValue("6") @Min(1) int inboundPartitions,
        @DefaultValue("6") @Min(1) int eventPartitions,
        @DefaultValue("20ms") Duration eventLinger,
        @DefaultValue("1") @Min(1) short replicationFactor,
        @DefaultValue("67108864") @Min(1024) int maxMessageBytes,
        @DefaultValue("60s") Duration authCacheTtl,
        @DefaultValue LoginThrottling loginThrottle,
        String postmaster,
        @DefaultValue("+") String subaddressSeparator,
        @DefaultValue @Valid Limits limits,
        @DefaultValue("32MB") DataSize contentCache) {

    public StoreProperties {
        if (postmaster != null && !postmaster.isBlank()) {
            try {
                if (MailboxAddress.parse(postmaster.strip()).domain().isAddressLiteral()) {
                    throw new IllegalArgumentException("mail.store.postmaster must be an address at a local domain name,"
                            + " not at an address literal: " + postmaster);
                }
            } catch (AddressException e) {
                throw new IllegalArgumentException("mail.store.postmaster is not a mailbox address: " + postmaster
                        + " (" + e.getMessage() + ")", e);
            }
            postmaster = postmaster.strip();
        } else {
            postmaster = null;
        }
        if (eventLinger.isNegative()) {
            throw new IllegalArgumentException("mail.store.event-linger must not be negative");
        }
        if (subaddressSeparator == null) {
            subaddressSeparator = "";
        }
        for (int i = 0; i < subaddressSeparator.length(); i++) {
            char c = subaddressSeparator.charAt(i);
            if (c == '@' || c == '"' || c == '\\' || c <= ' ' || c == 0x7f) {
                throw new IllegalArgumentException("mail.store.subaddress-separator must not contain '@', quotes,"
                        + " backslashes, spaces or control characters: '" + subaddressSeparator + "'");
            }
        }
    }

    /**
     * The login throttle shared by every protocol ({@code mail.store.login-throttle.*}); see {@link LoginThrottle}.
     *
     * @param freeFailuresPerAccount failures per account within the window before delays start (default 5)
     * @param freeFailuresPerAddress failures per client network (IPv4 address, IPv6 /64) within the window
     *        before delays start (default 20)
     * @param baseDelay the first delay; each further failure doubles it (default 1s; 0: no delays, failures are
     *        still counted and the in-flight caps still apply)
     * @param maxDelay the longest delay of a client network's failures (default 30s)
     * @param maxAccountDelay the longest delay of an account's failures (at most {@code maxDelay}), short so that
     *        guesses from many networks slow but never lock out the account's owner (default 5s)
     * @param window how long failures are remembered (default 15m)
     * @param maxConcurrentPerAccount login attempts for one account in flight at once (being checked or waiting out
     *        their delay); more are refused with a temporary failure (default 8)
     * @param maxConcurrentPerAddress login attempts from one client network in flight at once (default 16)
     * @param maxEntries accounts, and client networks, the throttle tracks at most (default 100000)
     * @param ipv6PrefixLength the leading bits of an IPv6 address that name one client network (default 64)
     */
    public record LoginThrottling(
            @DefaultValue("5") @Min(0) int freeFailuresPerAccount,
            @DefaultValue("20") @Min(0) int freeFailuresPerAddress,
            @DefaultValue("1s") Duration baseDelay,
            @DefaultValue("30s") Duration maxDelay,
            @DefaultValue("5s") Duration maxAccountDelay,
            @DefaultValue("15m") Duration window,
            @DefaultValue("8") @Min(1) int maxConcurrentPerAccount,
            @DefaultValue("16") @Min(1) int maxConcurrentPerAddress,
            @DefaultValue("100000") @Min(1) int maxEntries,
            @DefaultValue("64") @Min(1) @Max(128) int ipv6PrefixLength) {

        public LoginThrottle.Policy policy() {
            return new LoginThrottle.Policy(freeFailuresPerAccount, freeFailuresPerAddress, baseDelay, maxDelay,
                    maxAccountDelay, window, maxConcurrentPerAccount, maxConcurrentPerAddress, maxEntries,
                    ipv6PrefixLength);
        }
    }

    /**
     * Caps per account, far above what a person uses but low enough that one account cannot make
     * every listing and synchronisation slow. Mail delivery and mailbox import are never refused by them.
     *
     * @param maxMailboxes mailboxes of one account, superiors created on the way included; CREATE and
     *        RENAME beyond are refused (default 10000)
     * @param maxSubscriptions subscribed names of one account (default 10000)
     * @param maxKeywords distinct keywords clients may set on the messages of one account (STORE,
     *        APPEND); a keyword counts from its first use on (default 1000)
     * @param searchTimeout how long one search on behalf of a client may run in PostgreSQL before it
     *        is cancelled, so that no search holds a connection for long (default 20s; 0 disables)
     */
    public record Limits(
            @DefaultValue("10000") @Min(1) int maxMailboxes,
            @DefaultValue("10000") @Min(1) int maxSubscriptions,
            @DefaultValue("1000") @Min(1) int maxKeywords,
            @DefaultValue("20s") Duration searchTimeout) {
    }
}
