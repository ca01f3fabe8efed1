package io.mailplatform.core.srs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailplatform.core.address.AddressException;
import io.mailplatform.core.address.Domain;
import io.mailplatform.core.address.MailboxAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rules of the codec that the vectors of other implementations do not show: round trips of
 * every kind of sender, the maximum age and its wraparound, a clock a day ahead, rotation, the
 * length of what is made, and what counts as an SRS local part.
 */
class SrsCodecTest {
    private static final Domain US = new Domain("forwarder.test");
    /** Day 20476 since the epoch, 1020 modulo 1024: three days before the timestamp wraps. */
    private static final Instant NOON = Instant.parse("2026-01-23T12:00:00Z");

    private static SrsCodec codec(Instant now, String... secrets) {
        return new SrsCodec(List.of(secrets).stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList(), 21,
                Clock.fixed(now, ZoneOffset.UTC));
    }

    private static SrsCodec codec(Instant now) {
        return codec(now, "secret");
    }

    private static MailboxAddress address(String text) throws AddressException {
        return MailboxAddress.parse(text);
    }

    private static MailboxAddress forward(SrsCodec codec, String sender) throws AddressException {
        return codec.forward(address(sender), US).orElseThrow();
    }

    private static MailboxAddress reversed(SrsCodec codec, MailboxAddress srs) {
        SrsReversal reversal = codec.reverse(srs);
        assertThat(reversal).isInstanceOf(SrsReversal.Reversed.class);
        return ((SrsReversal.Reversed) reversal).address();
    }

    private static SrsReversal.Reason refusal(SrsCodec codec, MailboxAddress srs) {
        SrsReversal reversal = codec.reverse(srs);
        assertThat(reversal).isInstanceOf(SrsReversal.Refused.class);
        return ((SrsReversal.Refused) reversal).reason();
    }

    private static Instant days(int days) {
        return NOON.plus(Duration.ofDays(days));
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice@example.org", "Alice.Smith@Example.ORG", "a=b@example.org", "x+tag@sub.example.co.uk",
            "\"john doe\"@example.org", "jörg@exämple.test", "SRS0@example.org", "srs2=x@example.org"})
    void everySenderComesBackFromItsSrs0Address(String sender) throws Exception {
        SrsCodec codec = codec(NOON);
        MailboxAddress srs = forward(codec, sender);
        assertThat(srs.localPart()).startsWith("SRS0=");
        assertThat(srs.domain()).isEqualTo(US);
        // through the wire form and back, as a bounce would bring it
        assertThat(reversed(codec, address(srs.toString()))).isEqualTo(address(sender));
    }

    @Test
    void anSrs0SenderBecomesSrs1PointingAtTheFirstForwarderAndReversesToIt() throws Exception {
        SrsCodec first = codec(NOON, "first secret");
        SrsCodec second = codec(NOON, "second secret");
        MailboxAddress srs0 = first.forward(address("alice@example.org"), new Domain("first.example")).orElseThrow();
        MailboxAddress srs1 = forward(second, srs0.toString());
        assertThat(srs1.localPart()).startsWith("SRS1=").contains("=first.example==");
        // a third forwarder keeps pointing at the first, with its own hash
        MailboxAddress third = codec(NOON, "third secret").forward(srs1, new Domain("third.example")).orElseThrow();
        assertThat(third.localPart()).startsWith("SRS1=").contains("=first.example==")
                .isNotEqualTo(srs1.localPart());
        assertThat(reversed(second, srs1)).isEqualTo(srs0);
        assertThat(reversed(first, srs0)).isEqualTo(address("alice@example.org"));
        // an SRS1 address has no timestamp: the first forwarder's SRS0 decides how long it lives
        assertThat(reversed(second.withClock(Clock.fixed(days(500), ZoneOffset.UTC)), srs1)).isEqualTo(srs0);
    }

    @Test
    void theHashIsComparedWithoutRegardToCaseAndAnyAlterationIsRefused() throws Exception {
        SrsCodec codec = codec(NOON);
        MailboxAddress srs = forward(codec, "Alice@example.org");
        assertThat(reversed(codec, new MailboxAddress(srs.localPart().toLowerCase(), US))).isEqualTo(
                new MailboxAddress("alice", new Domain("example.org")));
        assertThat(reversed(codec, new MailboxAddress(srs.localPart().toUpperCase(), US)).localPart()).isEqualTo("ALICE");
        // another user, another domain, another day: the hash no longer matches
        assertThat(refusal(codec, new MailboxAddress(srs.localPart().replace("Alice", "Mallory"), US)))
                .isEqualTo(SrsReversal.Reason.BAD_HASH);
        assertThat(refusal(codec, new MailboxAddress(srs.localPart().replace("example.org", "victim.example"), US)))
                .isEqualTo(SrsReversal.Reason.BAD_HASH);
        String stamp = srs.localPart().split("=")[2];
        String otherDay = srs.localPart().replace("=" + stamp + "=", "=" + (stamp.equals("74") ? "73" : "74") + "=");
        assertThat(refusal(codec, new MailboxAddress(otherDay, US))).isEqualTo(SrsReversal.Reason.BAD_HASH);
        // another secret made it
        assertThat(refusal(codec(NOON, "other"), srs)).isEqualTo(SrsReversal.Reason.BAD_HASH);
    }

    @Test
    void anAddressLivesForTheMaximumAgeAcrossTheWraparoundOfItsTimestamp() throws Exception {
        MailboxAddress srs = forward(codec(NOON), "alice@example.org");
        assertThat(reversed(codec(days(3)), srs)).isEqualTo(address("alice@example.org")); // day 1023
        assertThat(reversed(codec(days(5)), srs)).isEqualTo(address("alice@example.org")); // day 1 of the next cycle
        assertThat(reversed(codec(days(21)), srs)).isEqualTo(address("alice@example.org"));
        assertThat(refusal(codec(days(22)), srs)).isEqualTo(SrsReversal.Reason.EXPIRED);
        assertThat(refusal(codec(days(1000)), srs)).isEqualTo(SrsReversal.Reason.EXPIRED);
        // a full cycle later the timestamp reads as new again (libsrs2 alike): 1024 days is the horizon
        assertThat(reversed(codec(days(1024)), srs)).isEqualTo(address("alice@example.org"));
    }

    @Test
    void aTimestampOneDayAheadIsAnotherInstancesClockNotAnOldAddress() throws Exception {
        MailboxAddress srs = forward(codec(NOON), "alice@example.org");
        assertThat(reversed(codec(days(-1)), srs)).isEqualTo(address("alice@example.org"));
        assertThat(refusal(codec(days(-2)), srs)).isEqualTo(SrsReversal.Reason.EXPIRED);
    }

    @Test
    void theMaximumAgeIsASetting() throws Exception {
        SrsCodec week = new SrsCodec(List.of("secret".getBytes(StandardCharsets.UTF_8)), 7, Clock.fixed(NOON, ZoneOffset.UTC));
        MailboxAddress srs = forward(week, "alice@example.org");
        assertThat(reversed(week.withClock(Clock.fixed(days(7), ZoneOffset.UTC)), srs)).isEqualTo(address("alice@example.org"));
        assertThat(refusal(week.withClock(Clock.fixed(days(8), ZoneOffset.UTC)), srs)).isEqualTo(SrsReversal.Reason.EXPIRED);
        assertThatThrownBy(() -> new SrsCodec(List.of(new byte[] {1}), 0, Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SrsCodec(List.of(new byte[] {1}), 1001, Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SrsCodec(List.of(), 21, Clock.systemUTC())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theFirstSecretSignsAndEveryOneVerifies() throws Exception {
        MailboxAddress old = forward(codec(NOON, "old"), "alice@example.org");
        SrsCodec rotated = codec(NOON, "new", "old");
        assertThat(reversed(rotated, old)).isEqualTo(address("alice@example.org"));
        MailboxAddress fresh = forward(rotated, "alice@example.org");
        assertThat(fresh).isNotEqualTo(old);
        assertThat(refusal(codec(NOON, "old"), fresh)).isEqualTo(SrsReversal.Reason.BAD_HASH);
        assertThat(reversed(codec(NOON, "new"), fresh)).isEqualTo(address("alice@example.org"));
    }

    @ParameterizedTest
    @CsvSource({"=", "+", "-"})
    void everyFirstSeparatorIsReadAndTheTagInAnyCase(String separator) throws Exception {
        SrsCodec codec = codec(NOON);
        MailboxAddress srs = forward(codec, "alice@example.org");
        String local = "srs0" + separator + srs.localPart().substring(5);
        assertThat(reversed(codec, new MailboxAddress(local, US))).isEqualTo(address("alice@example.org"));
        MailboxAddress srs1 = forward(codec, "SRS0" + separator + "abcd=AB=example.org=bob@other.example");
        assertThat(reversed(codec, new MailboxAddress("srs1" + separator + srs1.localPart().substring(5), US)))
                .isEqualTo(address("SRS0" + separator + "abcd=AB=example.org=bob@other.example"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"SRS0=", "SRS0=abcd", "SRS0=abcd=74", "SRS0=abcd=74=example.org", "SRS0=abcd=74=example.org=",
            "SRS0==74=example.org=alice", "SRS0=abcd=7=example.org=alice", "SRS0=abcd=748=example.org=alice",
            "SRS0=abcd=7!=example.org=alice", "SRS0=abcd=74==alice", "SRS1=abcd", "SRS1=abcd=other.example",
            "SRS1=abcd=other.example=", "SRS1==other.example==x", "SRS1=abcd==x", "SRS2=abcd=74=example.org=alice",
            "alice"})
    void malformedAddressesAreRefused(String local) {
        assertThat(refusal(codec(NOON), new MailboxAddress(local, US))).isEqualTo(SrsReversal.Reason.MALFORMED);
    }

    @Test
    void aForeignSrs1SenderThatNamesNoDomainIsWrappedAsSrs0AndComesBackExactly() throws Exception {
        SrsCodec codec = codec(NOON);
        for (String sender : new String[] {"SRS1=abcd=bad_host==x@other.example", "SRS1=abcd@other.example"}) {
            MailboxAddress wrapped = forward(codec, sender);
            assertThat(wrapped.localPart()).as(sender).startsWith("SRS0=");
            assertThat(reversed(codec, wrapped)).isEqualTo(address(sender));
        }
    }

    @Test
    void longSendersGiveLocalPartsBeyond64OctetsButNeverAPathBeyond256() throws Exception {
        SrsCodec codec = codec(NOON);
        String local = "a".repeat(60);
        String domain = "d".repeat(60) + ".example";
        MailboxAddress srs = forward(codec, local + "@" + domain);
        assertThat(srs.localPart().length()).isGreaterThan(MailboxAddress.MAX_LOCAL_PART_OCTETS);
        // still an address a client may send us (RFC 5321 §4.5.3.1 asks for no limit where possible)
        assertThat(MailboxAddress.parse(srs.toString())).isEqualTo(srs);
        assertThat(reversed(codec, srs)).isEqualTo(address(local + "@" + domain));
        String longest = "b".repeat(63) + "." + "c".repeat(63) + "." + "e".repeat(50) + ".example";
        assertThat(codec.forward(address(local + "@" + longest), US)).isEmpty();
        assertThat(codec.forward(address(local + "@" + domain), new Domain("f".repeat(63) + "." + "g".repeat(63) + ".test")))
                .isEmpty();
    }

    @Test
    void onlySrsLocalPartsMayExceed64Octets() {
        String srs = "SRS0=abcd=74=" + "d".repeat(40) + ".example=" + "a".repeat(30);
        assertThat(MailboxAddress.isSrsLocalPart(srs)).isTrue();
        assertThat(MailboxAddress.isSrsLocalPart("srs1-x")).isTrue();
        assertThat(MailboxAddress.isSrsLocalPart("SRS0=")).isFalse();
        assertThat(MailboxAddress.isSrsLocalPart("SRS2=abc")).isFalse();
        assertThat(MailboxAddress.isSrsLocalPart("SRS0.abc")).isFalse();
        assertThatThrownBy(() -> MailboxAddress.parse("x" + srs + "@example.test")).isInstanceOf(AddressException.class);
    }
}
