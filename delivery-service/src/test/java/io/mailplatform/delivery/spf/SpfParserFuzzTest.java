package io.mailplatform.delivery.spf;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.testsupport.fuzz.Fuzz;
import io.mailplatform.testsupport.fuzz.FuzzInput;
import io.mailplatform.testsupport.fuzz.HostileInputs;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Fuzzing of the SPF record parser and the macro expander on mutated records (TXT data is
 * octets, read as ISO-8859-1 as the resolver does). A record parses or fails with
 * {@link SpfSyntaxException} (permerror); every macro-string of a parsed record expands, against
 * long values full of delimiters, to a name bounded by its spec, never throwing. Tries:
 * {@code -Dfuzz.tries} (README "Development").
 */
class SpfParserFuzzTest {
    private static final String LOCAL = "a.b-c+d,e/f_g=h".repeat(4);
    private static final String IP6 = "2.0.0.1.0.d.b.8.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.1";
    /** The longest value a macro can refer to. */
    private static final int LONGEST_VALUE = LOCAL.length() + 1 + 253;

    private static final MacroExpander.Values VALUES = new MacroExpander.Values() {
        @Override
        public String sender() {
            return LOCAL + "@" + domain();
        }

        @Override
        public String localPart() {
            return LOCAL;
        }

        @Override
        public String senderDomain() {
            return domain();
        }

        @Override
        public String domain() {
            return ("l".repeat(63) + ".").repeat(3) + "x".repeat(61);
        }

        @Override
        public String ip() {
            return IP6;
        }

        @Override
        public String validatedName() {
            return "mail.example.org";
        }

        @Override
        public String ipVersion() {
            return "ip6";
        }

        @Override
        public String helo() {
            return "h-e-l-o.example.org";
        }

        @Override
        public String clientIp() {
            return "2001:db8::1";
        }

        @Override
        public String receiver() {
            return "mx.example.test";
        }

        @Override
        public long timestamp() {
            return Long.MAX_VALUE;
        }
    };

    private static final List<String> RECORDS = List.of(
            "v=spf1 +all", "v=spf1 -all", "v=spf1 ip4:192.0.2.0/24 ip4:198.51.100.1 ip6:2001:db8::/32 ip6:::1 ~all",
            "v=spf1 a mx a:mail.example.org/28 mx:example.org/24//64 a//128 -all",
            "v=spf1 include:_spf.example.org ?include:%{d}.example.net -all",
            "v=spf1 exists:%{ir}.%{l1r+-}._spf.%{d} -all", "v=spf1 ptr ptr:example.org ~all",
            "v=spf1 redirect=_spf.example.org", "v=spf1 -all exp=explain._spf.%{d}",
            "v=spf1 a:%{H}.%{o}.%{v}.%{p}.%{d2}.%{i}.%{s} unknown-mod=%{l}%%%_%- -all",
            "v=spf1 mx:%{d5r.-+,/_=}.example.org   -all", "v=SPF1 IP4:10.0.0.0/8 A:example.org");

    private static final List<String> EXPLANATIONS = List.of(
            "%{i} is not one of %{d}'s designated mail servers.", "See http://%{d}/why.html?s=%{S}&i=%{I}",
            "%{c} at %{t} for %{r} via %{h} %%%_%-");

    @Provide
    Arbitrary<FuzzInput> records() {
        return HostileInputs.of(RECORDS)
                .tokens("%{", "}", "%", "%%", "%{l99999999999r}", "%{d0}", "%{ir.-+,/_=}", ":", "/", "//", "/0",
                        "/129", "/33", "=", "redirect=", "exp=", "ip4:", "ip6:", "::", "::ffff:", "1.2.3.4", "a:",
                        "mx:", "include:", "exists:", " ", "+", "-", "~", "?", ".")
                .maxLength(16 * 1024)
                .arbitrary();
    }

    @Provide
    Arbitrary<FuzzInput> explanations() {
        return HostileInputs.of(EXPLANATIONS).tokens("%{", "}", "%", "%{c}", "%{t9r}", " ").maxLength(4096).arbitrary();
    }

    @Property
    void aMutatedRecordParsesOrIsAPermerror(@ForAll("records") FuzzInput input) {
        String text = input.latin1();
        SpfRecord record;
        try {
            record = Fuzz.bounded(() -> SpfRecordParser.parse(text));
        } catch (SpfSyntaxException permerror) {
            return;
        }
        assertThat(record.directives().size()).isLessThanOrEqualTo(text.length() / 2 + 1);
        for (MacroString spec : domainSpecs(record)) {
            String name = Fuzz.bounded(() -> MacroExpander.domain(spec, VALUES));
            assertBounded(name, text);
        }
    }

    @Property
    void aMutatedExplanationExpandsOrIsRefused(@ForAll("explanations") FuzzInput input) {
        String text = input.latin1();
        try {
            MacroString explanation = Fuzz.bounded(() -> MacroString.explanation(text));
            assertBounded(Fuzz.bounded(() -> MacroExpander.expand(explanation, VALUES)), text);
        } catch (SpfSyntaxException refused) {
            // the explanation is then not used (RFC 7208 §6.2)
        }
    }

    /** Each macro expands to at most its value, URL-escaped (three characters an octet). */
    private static void assertBounded(String expanded, String spec) {
        Fuzz.assertLinear("the expansion", expanded.length(), spec.length(), 3 * 4 * LONGEST_VALUE, 0);
    }

    private static List<MacroString> domainSpecs(SpfRecord record) {
        List<MacroString> specs = new ArrayList<>();
        for (SpfRecord.Directive directive : record.directives()) {
            Mechanism mechanism = directive.mechanism();
            MacroString spec = mechanism instanceof Mechanism.Include include ? include.domainSpec()
                    : mechanism instanceof Mechanism.Exists exists ? exists.domainSpec()
                    : mechanism instanceof Mechanism.A a ? a.domainSpec()
                    : mechanism instanceof Mechanism.Mx mx ? mx.domainSpec()
                    : mechanism instanceof Mechanism.Ptr ptr ? ptr.domainSpec() : null;
            if (spec != null) {
                specs.add(spec);
            }
        }
        if (record.redirect() != null) {
            specs.add(record.redirect());
        }
        if (record.explanation() != null) {
            specs.add(record.explanation());
        }
        return specs;
    }
}
