package io.mailplatform.core.mime;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.testsupport.mime.MalformedMessages;
import io.mailplatform.testsupport.mime.ReferenceMessages;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Differential tests of the MIME summary parser against Angus Mail (the Jakarta Mail reference
 * implementation) on generated and malformed messages: the same part tree (content types and
 * nesting), the same decoded Subject and the same From addresses. Where the two differ by design
 * the case is listed in {@link #KNOWN_DIFFERENCES} with the reason, and the test checks that it
 * still differs, so the list stays true.
 */
class MimeDifferentialTest {
    private static final Session SESSION = Session.getInstance(properties());

    /** Header fields in UTF-8 (RFC 6532) and lenient address lists, as the summary parser reads them. */
    private static Properties properties() {
        Properties properties = new Properties();
        properties.setProperty("mail.mime.allowutf8", "true");
        properties.setProperty("mail.mime.address.strict", "false");
        return properties;
    }

    /** Cases of {@link MalformedMessages} where our summary differs from Angus Mail on purpose. */
    static final Map<String, String> KNOWN_DIFFERENCES = new TreeMap<>(Map.ofEntries(
            Map.entry("bare-cr",
                    "a bare CR is no line end in RFC 5322 (the summary tolerates a bare LF only), so the header is one long field; Angus Mail splits at bare CR"),
            Map.entry("truncated-in-header",
                    "a part cut off inside its header is still a part for the summary (its type as far as written); Angus Mail drops it"),
            Map.entry("eight-bit-header-junk",
                    "header octets that are not UTF-8: the summary reads them as ISO-8859-1 so they stay readable, Angus Mail (mail.mime.allowutf8) turns them into replacement characters"),
            Map.entry("invalid-utf8-header",
                    "header octets that are not UTF-8: the summary reads them as ISO-8859-1 so they stay readable, Angus Mail (mail.mime.allowutf8) turns them into replacement characters"),
            Map.entry("control-characters",
                    "a control character in an address is kept in the address as written (IMAP ENVELOPE reports it); Angus Mail's lenient parser removes it"),
            Map.entry("duplicate-fields",
                    "of a repeated From the summary takes the first field, as IMAP ENVELOPE does; Angus Mail joins all of them"),
            Map.entry("broken-encoded-words",
                    "malformed encoded words: the summary keeps them as written, Angus Mail drops those whose charset or encoding is invalid"),
            Map.entry("garbage-addresses",
                    "unparsable address text gives best-effort addresses (MISSING_DOMAIN, as Dovecot reports them); lenient Angus Mail gives none"),
            Map.entry("boundary-never-used",
                    "Angus Mail refuses a multipart whose boundary never opens a part (\"Missing start boundary\"); the summary reports one text/plain child spanning the body, as it never reports a multipart without children"),
            Map.entry("close-delimiter-only",
                    "Angus Mail refuses a multipart whose boundary never opens a part (\"Missing start boundary\"); the summary reports one text/plain child spanning the body, as it never reports a multipart without children"),
            Map.entry("same-boundary-nested",
                    "Angus Mail refuses a multipart whose boundary never opens a part (\"Missing start boundary\"); the summary reports one text/plain child spanning the body, as it never reports a multipart without children"),
            Map.entry("deep-multipart-nesting",
                    "beyond the summary's limits (32 levels, 1,000 entities): deeper nesting is a leaf, further delimiters are content; Angus Mail has no limit"),
            Map.entry("deep-message-nesting",
                    "beyond the summary's limits (32 levels, 1,000 entities): deeper nesting is a leaf, further delimiters are content; Angus Mail has no limit"),
            Map.entry("many-parts",
                    "beyond the summary's limits (32 levels, 1,000 entities): deeper nesting is a leaf, further delimiters are content; Angus Mail has no limit"),
            Map.entry("invalid-content-types",
                    "Angus Mail refuses a Content-Type without a subtype; the summary applies the RFC 2045 default text/plain"),
            Map.entry("unterminated-quotes-and-comments",
                    "Angus Mail refuses unbalanced comments in a structured field; the summary reads the field leniently"),
            Map.entry("encoded-message-rfc822",
                    "a base64 message/rfc822 is invalid (RFC 2046 §5.2.1): the summary reports it as a basic part without parsing it, Angus Mail decodes and parses it"),
            Map.entry("broken-digest",
                    "RFC 2046 §5.1.5: a child of multipart/digest without Content-Type is message/rfc822; Angus Mail makes it text/plain")));

    /** Messages of {@link ReferenceMessages} where our summary differs from Angus Mail on purpose. */
    static final Map<String, String> KNOWN_REFERENCE_DIFFERENCES = Map.of("digest",
            "RFC 2046 §5.1.5: a child of multipart/digest without Content-Type is message/rfc822; Angus Mail makes it text/plain");

    // ---- generated messages ------------------------------------------------------------------

    @Property(tries = 300)
    void generatedMessagesGiveTheSameTreeSubjectAndFrom(@ForAll long seed) throws Exception {
        byte[] m = GeneratedMessage.of(new SplittableRandom(seed));
        assertThat(ours(m)).as(new String(m, StandardCharsets.UTF_8)).isEqualTo(angus(m));
    }

    @Test
    void referenceMessagesGiveTheSameTreeSubjectAndFrom() throws Exception {
        for (Map.Entry<String, byte[]> reference : ReferenceMessages.all().entrySet()) {
            View ours = ours(reference.getValue());
            View angus = angus(reference.getValue());
            String reason = KNOWN_REFERENCE_DIFFERENCES.get(reference.getKey());
            if (reason != null) {
                assertThat(ours).as(reference.getKey() + ", a known difference: " + reason).isNotEqualTo(angus);
            } else {
                assertThat(ours).as(reference.getKey()).isEqualTo(angus);
            }
        }
    }

    // ---- malformed messages ------------------------------------------------------------------

    static Stream<MalformedMessages.Case> malformed() {
        return MalformedMessages.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedMessagesGiveTheSameViewOrADocumentedDifference(MalformedMessages.Case malformed) {
        View ours = ours(malformed.content());
        View angus = angusOrRefusal(malformed.content());
        if (KNOWN_DIFFERENCES.containsKey(malformed.name())) {
            assertThat(ours).as(malformed.name() + ", a known difference: " + KNOWN_DIFFERENCES.get(malformed.name()))
                    .isNotEqualTo(angus);
        } else {
            assertThat(ours).as(malformed.name()).isEqualTo(angus);
        }
    }

    /** Angus Mail's view, or its refusal: it throws where the summary must still describe the message. */
    static View angusOrRefusal(byte[] m) {
        try {
            return angus(m);
        } catch (Exception | StackOverflowError e) {
            return new View("Angus Mail refused: " + e, null, List.of());
        }
    }

    // ---- the two views -----------------------------------------------------------------------

    /**
     * What both parsers must agree on.
     *
     * @param tree content types with nesting, e.g. {@code multipart/mixed(text/plain,message/rfc822[text/plain])}
     * @param subject the decoded Subject, null when absent
     * @param from the From addresses as {@code decoded name <address>}
     */
    record View(String tree, String subject, List<String> from) {
    }

    static View ours(byte[] m) {
        MessageSummary summary = MessageSummaryParser.parseStrictly(m, MessageSummaryParser.Limits.DEFAULT);
        List<String> from = new ArrayList<>();
        for (EnvelopeAddress address : summary.envelope().from()) {
            if (!address.isGroupStart() && !address.isGroupEnd()) {
                String name = HeaderText.decode(address.name());
                from.add((name == null ? "" : name) + " <" + address.address() + ">");
            }
        }
        String subject = summary.envelope().subject();
        return new View(tree(summary.body()), subject == null ? null : HeaderText.decode(subject), from);
    }

    private static String tree(BodyPart part) {
        StringBuilder out = new StringBuilder(
                part.type().toLowerCase(Locale.ROOT) + "/" + part.subtype().toLowerCase(Locale.ROOT));
        if (part.isMultipart()) {
            List<String> children = new ArrayList<>();
            for (BodyPart child : part.parts()) {
                children.add(tree(child));
            }
            out.append('(').append(String.join(",", children)).append(')');
        } else if (part.message() != null) {
            out.append('[').append(tree(part.message())).append(']');
        }
        return out.toString();
    }

    static View angus(byte[] m) throws Exception {
        MimeMessage message = new MimeMessage(SESSION, new ByteArrayInputStream(m));
        List<String> from = new ArrayList<>();
        Address[] addresses = message.getHeader("From") == null ? null : message.getFrom();
        if (addresses != null) {
            for (Address address : addresses) {
                InternetAddress internet = (InternetAddress) address;
                String name = internet.getPersonal();
                from.add((name == null ? "" : name) + " <" + internet.getAddress() + ">");
            }
        }
        return new View(tree(message), message.getSubject(), from);
    }

    private static String tree(Part part) throws Exception {
        ContentType type = new ContentType(part.getContentType());
        StringBuilder out = new StringBuilder(type.getBaseType().toLowerCase(Locale.ROOT));
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            List<String> children = new ArrayList<>();
            for (int i = 0; i < multipart.getCount(); i++) {
                children.add(tree(multipart.getBodyPart(i)));
            }
            out.append('(').append(String.join(",", children)).append(')');
        } else if (part.isMimeType("message/rfc822")) {
            out.append('[').append(tree((Message) part.getContent())).append(']');
        }
        return out.toString();
    }
}
