package io.mailplatform.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.testsupport.LineClient;
import io.mailplatform.testsupport.Transcript;
import io.mailplatform.testsupport.abuse.Heap;
import io.mailplatform.testsupport.abuse.PipelinedFlood;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Hostile sessions over real sockets (issue 14), each answered with the protocol's own error or a
 * clean close, while a second, well-behaved client completes a normal transaction meanwhile: the
 * limits of one session never cost another its service.
 */
class SessionAbuseTest extends GatewayTestBase {
    private static final String OK = "250 2.0.0 Ok";

    private LineClient mx() throws Exception {
        LineClient client = new LineClient("127.0.0.1", server.port("smtp"));
        assertThat(client.readLine()).startsWith("220 ");
        return client;
    }

    private static void ehlo(LineClient client) throws Exception {
        client.send("EHLO client.example.org");
        assertThat(client.readSmtpReply()).last().asString().startsWith("250 ");
    }

    /** A normal MX transaction on a connection of its own; returns the reply to the end of data. */
    private String wellBehavedTransaction() throws Exception {
        try (LineClient client = mx()) {
            ehlo(client);
            client.send("MAIL FROM:<friend@example.org>");
            assertThat(client.readLine()).isEqualTo("250 2.1.0 Sender ok");
            client.send("RCPT TO:<bob@example.test>");
            assertThat(client.readLine()).isEqualTo("250 2.1.5 Recipient ok");
            client.send("DATA");
            assertThat(client.readLine()).startsWith("354 ");
            client.write("Subject: meanwhile\r\n\r\nserved while another client misbehaves\r\n.\r\n");
            String reply = client.readLine();
            client.send("QUIT");
            return reply;
        }
    }

    private void aWellBehavedClientIsServed() throws Exception {
        assertThat(wellBehavedTransaction()).startsWith("250 2.0.0 Ok: queued as ");
    }

    @Test
    void hundredThousandPipelinedNoopsAreEachAnswered() throws Exception {
        int commands = 100_000;
        long before = Heap.usedAfterGc();
        try (LineClient abuser = mx()) {
            PipelinedFlood.assertEachAnsweredWhileServing(abuser, "NOOP", commands, OK::equals,
                    this::aWellBehavedClientIsServed, before, 64L << 20, Duration.ofSeconds(120));
            abuser.send("QUIT");
            assertThat(abuser.readLine()).startsWith("221 2.0.0 ");
        }
    }

    /**
     * A NUL or a bare CR inside a command is a syntax error (RFC 5321 §2.3.8: CR and LF only as CRLF);
     * a bare LF ends a command line, as most servers accept it. The session goes on after each.
     */
    @Test
    void nulAndBareCrInCommandsAreSyntaxErrors() throws Exception {
        try (LineClient abuser = mx()) {
            ehlo(abuser);
            List<String> replies = new ArrayList<>();
            for (String command : List.of("NO\0OP", "NOOP\0", "HELO a\0b.example", "MAIL FROM:<a\0b@example.org>",
                    "NOOP\rRSET", "MAIL FROM:<a@example.org>\r RCPT TO:<alice@example.test>", "\0", "\r")) {
                abuser.write((command + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                replies.add(abuser.readLine());
            }
            assertThat(replies).containsOnly("500 5.5.2 Control characters are not allowed in commands");
            aWellBehavedClientIsServed();
            // a bare LF ends a command as CRLF does
            abuser.write("RSET\nNOOP\n");
            assertThat(abuser.readLine()).isEqualTo("250 2.0.0 Reset state");
            assertThat(abuser.readLine()).isEqualTo(OK);
        }
    }

    /**
     * NUL, bare CR and bare LF in the message text are text (RFC 5321 §4.1.1.4: only CRLF.CRLF ends
     * it): the message is accepted and published byte for byte, and nothing after a bare-LF dot is
     * taken as a command ("SMTP smuggling").
     */
    @Test
    void nulAndBareCrAndLfInTheMessageAreKeptAsText() throws Exception {
        String marker = "raw-" + UUID.randomUUID();
        byte[] text = ("Subject: " + marker + "\r\n\r\nnul \0 here\r\nbare CR \r here\r\nbare LF \n here\n.\n"
                + "MAIL FROM:<smuggled@example.org>\r\nend\r\n").getBytes(StandardCharsets.ISO_8859_1);
        try (LineClient abuser = mx()) {
            ehlo(abuser);
            abuser.write("MAIL FROM:<a@example.org>\r\nRCPT TO:<alice@example.test>\r\nDATA\r\n");
            assertThat(abuser.readLine()).startsWith("250 ");
            assertThat(abuser.readLine()).startsWith("250 ");
            assertThat(abuser.readLine()).startsWith("354 ");
            abuser.write(text);
            aWellBehavedClientIsServed();
            abuser.write(".\r\n");
            assertThat(abuser.readLine()).startsWith("250 2.0.0 Ok: queued as ");
            abuser.send("NOOP");
            assertThat(abuser.readLine()).isEqualTo(OK);
        }
        List<InboundTopic.Published> published = InboundTopic.readUntil(io.mailplatform.testsupport.TestKafka.bootstrapServers(),
                all -> all.stream().anyMatch(p -> contains(p.message(), marker)), Duration.ofSeconds(30));
        List<byte[]> mine = published.stream().map(InboundTopic.Published::message).filter(m -> contains(m, marker)).toList();
        assertThat(mine).hasSize(1);
        byte[] message = mine.get(0);
        assertThat(Arrays.copyOfRange(message, message.length - text.length, message.length)).isEqualTo(text);
    }

    private static boolean contains(byte[] message, String marker) {
        return new String(message, StandardCharsets.ISO_8859_1).contains(marker);
    }

    /** A header line of 1 MiB: the text is read to its end without being kept, then refused; the session goes on. */
    @Test
    void aOneMebibyteHeaderLineIsRefusedAtTheEndOfTheData() throws Exception {
        long before = Heap.usedAfterGc();
        try (LineClient abuser = mx()) {
            ehlo(abuser);
            abuser.write("MAIL FROM:<a@example.org>\r\nRCPT TO:<alice@example.test>\r\nDATA\r\n");
            abuser.readLine();
            abuser.readLine();
            assertThat(abuser.readLine()).startsWith("354 ");
            abuser.write("Subject: ");
            byte[] chunk = "x".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 16; i++) {
                abuser.write(chunk);
            }
            aWellBehavedClientIsServed();
            abuser.write("\r\n\r\nbody\r\n.\r\n");
            assertThat(abuser.readLine()).startsWith("500 5.5.6 ");
            assertThat(Heap.usedAfterGc() - before).as("heap growth").isLessThan(32L << 20);
            abuser.send("NOOP");
            assertThat(abuser.readLine()).isEqualTo(OK);
        }
    }

    /** Invalid UTF-8 in addresses announced as SMTPUTF8 (RFC 6531 §3.3 requires UTF-8) is a syntax error, never taken. */
    @Test
    void invalidUtf8InSmtputf8AddressesIsRefused() throws Exception {
        List<byte[]> commands = List.of(
                bytes("MAIL FROM:<j", 0xC3, "rg@example.org> SMTPUTF8"), // a lead byte without its continuation
                bytes("MAIL FROM:<", 0xFF, 0xFE, "@example.org> SMTPUTF8"), // never valid in UTF-8
                bytes("MAIL FROM:<", 0xC0, 0xAF, "@example.org> SMTPUTF8"), // an overlong encoding of '/'
                bytes("MAIL FROM:<x@", 0xED, 0xA0, 0x80, ".example> SMTPUTF8")); // a UTF-16 surrogate
        try (LineClient abuser = mx()) {
            ehlo(abuser);
            for (byte[] command : commands) {
                abuser.write(command);
                assertThat(abuser.readLine()).as(new String(command, StandardCharsets.ISO_8859_1))
                        .isEqualTo("500 5.5.2 Invalid UTF-8 in command");
            }
            abuser.send("MAIL FROM:<a@example.org> SMTPUTF8");
            assertThat(abuser.readLine()).isEqualTo("250 2.1.0 Sender ok");
            for (byte[] recipient : List.of(bytes("RCPT TO:<", 0xE2, 0x82, "@example.test>"),
                    bytes("RCPT TO:<alice@ex", 0xFF, "ample.test>"))) {
                abuser.write(recipient);
                assertThat(abuser.readLine()).as(new String(recipient, StandardCharsets.ISO_8859_1))
                        .isEqualTo("500 5.5.2 Invalid UTF-8 in command");
            }
            aWellBehavedClientIsServed();
            abuser.send("RCPT TO:<alice@example.test>");
            assertThat(abuser.readLine()).isEqualTo("250 2.1.5 Recipient ok");
        }
    }

    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof String text) {
                out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
            } else {
                out.write((Integer) part);
            }
        }
        out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /**
     * An open-relay probe on every listener without AUTH: the MX listener refuses every remote
     * recipient, however it is disguised, with {@code 554 5.7.1}; the submission listeners take no
     * MAIL at all before AUTH ({@code 530 5.7.0}), also after STARTTLS.
     */
    @Test
    void noListenerRelaysWithoutAuthentication() throws Exception {
        List<String> disguised = List.of("<victim@elsewhere.example>", "<@example.test:victim@elsewhere.example>",
                "<victim@[192.0.2.1]>", "<\"victim@elsewhere.example\"@[127.0.0.1]>");
        try (LineClient probe = mx()) {
            ehlo(probe);
            probe.send("MAIL FROM:<spammer@example.org>");
            assertThat(probe.readLine()).isEqualTo("250 2.1.0 Sender ok");
            for (String recipient : disguised) {
                probe.send("RCPT TO:" + recipient);
                assertThat(probe.readLine()).as(recipient).startsWith("554 5.7.1 ");
            }
            // a trailing dot is no domain at all (RFC 5321 §4.1.2)
            probe.send("RCPT TO:<victim@elsewhere.example.>");
            assertThat(probe.readLine()).startsWith("501 5.1.3 ");
            // a local part that names another host is just an unknown local user
            probe.send("RCPT TO:<victim%elsewhere.example@example.test>");
            assertThat(probe.readLine()).startsWith("550 5.1.1 ");
            aWellBehavedClientIsServed();
            probe.send("DATA");
            assertThat(probe.readLine()).startsWith("554 5.5.1 ");
        }
        try (LineClient probe = new LineClient("127.0.0.1", server.port("submission"))) {
            probe.readLine();
            ehlo(probe);
            probe.send("MAIL FROM:<spammer@example.org>");
            assertThat(probe.readLine()).isEqualTo("530 5.7.0 Must issue a STARTTLS command first");
            probe.send("STARTTLS");
            assertThat(probe.readLine()).startsWith("220 ");
            probe.startTls(Transcript.trustAll());
            ehlo(probe);
            probe.send("MAIL FROM:<spammer@example.org>");
            assertThat(probe.readLine()).isEqualTo("530 5.7.0 Authentication required");
            probe.send("RCPT TO:<victim@elsewhere.example>");
            assertThat(probe.readLine()).startsWith("5");
        }
        try (LineClient probe = LineClient.connectTls("127.0.0.1", server.port("submissions"), Transcript.trustAll())) {
            probe.readLine();
            ehlo(probe);
            probe.send("MAIL FROM:<spammer@example.org>");
            assertThat(probe.readLine()).isEqualTo("530 5.7.0 Authentication required");
            probe.send("RCPT TO:<victim@elsewhere.example>");
            assertThat(probe.readLine()).startsWith("5");
        }
    }
}
