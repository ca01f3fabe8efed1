package io.mailplatform.core.sort;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.core.mime.EnvelopeAddress;
import io.mailplatform.core.mime.ImapEnvelope;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The base subject algorithm of RFC 5256 §2.1, step by step, and the keys built on it. */
class BaseSubjectTest {

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
        // step 1: white space runs and folding become one space; encoded words are decoded
        "Hello\t   world|Hello world",
        "=?UTF-8?Q?Gr=C3=BC=C3=9Fe?= aus Bonn|Grüße aus Bonn",
        // step 2: trailers "(fwd)" and white space, repeatedly
        "Lunch (fwd)|Lunch",
        "Lunch (FWD) (fwd)  |Lunch",
        "Lunch(fwd)|Lunch",
        // step 3: leaders re / fw / fwd with optional blob and white space before the colon
        "Re: Lunch|Lunch",
        "RE:Lunch|Lunch",
        "Fw: Lunch|Lunch",
        "FWD: Lunch|Lunch",
        "re  : Lunch|Lunch",
        "Re[2]: Lunch|Lunch",
        "Re [2] : Lunch|Lunch",
        "Re: Re: re: Lunch|Lunch",
        "[list] Re: Lunch|Lunch",
        "[list][x] Fwd: Lunch|Lunch",
        "   Lunch|Lunch",
        // step 4: a leading blob goes only when something follows it
        "[list] Lunch|Lunch",
        "[list] Re: [other] Lunch|Lunch",
        "[list]|[list]",
        "[list] |[list]",
        // step 5: steps 3 and 4 alternate until nothing changes
        "[a] [b] Re: [c] Fwd: Lunch|Lunch",
        // step 6: "[fwd: ...]" wraps the forwarded subject, then again from step 2
        "[Fwd: Re: Lunch]|Lunch",
        "[fwd: [Fwd: Lunch (fwd)]]|Lunch",
        "Re: [Fwd: Lunch]|Lunch",
        // not markers: the colon must follow, "re" must be the whole word before it
        "Reply needed|Reply needed",
        "Ref: 12|Ref: 12",
        "Fwdx: y|Fwdx: y",
        "Lunch: Re: soup|Lunch: Re: soup",
        "[unclosed Re: x|[unclosed Re: x",
        "a [fwd: b]|a [fwd: b]",
    })
    void baseSubject(String subject, String base) {
        assertThat(BaseSubject.of(subject)).isEqualTo(base);
    }

    @Test
    void replyAndForwardMarkersAreRecognized() {
        for (String reply : new String[] {"Re: lunch", "[team] FWD: lunch", "fw:lunch", "[Fwd: lunch]", "Re: [list] x"}) {
            assertThat(BaseSubject.isReplyOrForward(reply)).as(reply).isTrue();
        }
        for (String original : new String[] {"lunch", "  lunch (fwd)", "[team] lunch", "Rex: lunch", "[xyz]"}) {
            assertThat(BaseSubject.isReplyOrForward(original)).as(original).isFalse();
        }
        assertThat(BaseSubject.isReplyOrForward(null)).isFalse();
    }

    @Test
    void missingSubjectIsEmpty() {
        assertThat(BaseSubject.of(null)).isEmpty();
        assertThat(BaseSubject.of("Re: ")).isEmpty();
        assertThat(BaseSubject.of("(fwd)")).isEmpty();
        assertThat(BaseSubject.of("Re: Hello\r\n  world")).isEqualTo("Hello world");
    }

    @Test
    void keysAreTheFirstAddressesComparedCaseInsensitively() {
        EnvelopeAddress alice = new EnvelopeAddress("=?UTF-8?Q?=C3=84lice?=", null, "Alice.Smith", "Example.org");
        EnvelopeAddress bob = new EnvelopeAddress(null, null, "bob", "example.org");
        ImapEnvelope envelope = new ImapEnvelope(null, "Re: [list] lunch", List.of(alice, bob),
                List.of(), List.of(), List.of(EnvelopeAddress.groupStart("Team"), bob, EnvelopeAddress.groupEnd()),
                List.of(), List.of(), null, null);
        SortKeys keys = SortKeys.of(envelope);
        assertThat(keys.subject()).isEqualTo("LUNCH");
        assertThat(keys.from()).isEqualTo("ALICE.SMITH");
        assertThat(keys.to()).isEqualTo("TEAM"); // a group's start counts, its name as mailbox
        assertThat(keys.cc()).isEmpty();
        assertThat(keys.displayFrom()).isEqualTo("älice");
        assertThat(keys.displayTo()).isEqualTo("team");
        ImapEnvelope bare = new ImapEnvelope(null, null, List.of(new EnvelopeAddress(null, null, "d",
                EnvelopeAddress.MISSING_DOMAIN)), List.of(), List.of(), List.of(bob), List.of(), List.of(), null, null);
        assertThat(SortKeys.of(bare).displayFrom()).isEqualTo("d");
        assertThat(SortKeys.of(bare).displayTo()).isEqualTo("bob@example.org");
    }
}
