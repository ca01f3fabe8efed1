package io.mailplatform.smtp.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.smtp.command.SmtpCommand;
import io.mailplatform.smtp.reply.SmtpException;
import io.mailplatform.testsupport.fuzz.Fuzz;
import io.mailplatform.testsupport.fuzz.FuzzInput;
import io.mailplatform.testsupport.fuzz.HostileInputs;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Fuzzing of the command line parser (verbs, paths, ESMTP parameters, BDAT): mutated valid
 * command lines give a command or a 5xx reply, never another exception; the reply is one clean
 * line; nothing grows beyond the line. Tries: {@code -Dfuzz.tries} (README "Development").
 */
class SmtpParserFuzzTest {

    private static final List<String> COMMANDS = List.of(
            "EHLO client.example.org", "HELO [192.0.2.1]", "EHLO [IPv6:2001:db8::1]",
            "MAIL FROM:<>", "MAIL FROM:<a@b.example> SIZE=100 BODY=8BITMIME",
            "MAIL FROM: <a@b.example> size=100 BODY=8bitmime SMTPUTF8 RET=HDRS ENVID=x+2By AUTH=<>",
            "MAIL FROM:<\"quoted \\\" local\"@example.test> BODY=BINARYMIME",
            "MAIL FROM:<jörg@bücher.example> SMTPUTF8", "MAIL FROM:<a@[192.0.2.1]> AUTH=a+40b.example",
            "RCPT TO:<@relay.example,@b.example:u@d.example> NOTIFY=SUCCESS,DELAY ORCPT=rfc822;u+40d.example",
            "RCPT TO:<Postmaster>", "RCPT TO:<postmaster@example.test> NOTIFY=NEVER",
            "RCPT TO:<x@[IPv6:::1]> ORCPT=utf-8;x+40y", "DATA", "BDAT 1000", "BDAT 0 LAST", "RSET", "NOOP hi",
            "QUIT", "STARTTLS", "AUTH PLAIN AGFsaWNlAHNlY3JldA==", "AUTH LOGIN", "AUTH SCRAM-SHA-256 =",
            "VRFY alice", "EXPN list@example.test", "HELP", "HELP MAIL");

    @Provide
    Arbitrary<FuzzInput> commandLines() {
        return HostileInputs.of(COMMANDS)
                .tokens("<", ">", "<>", "@", ":", ",", "\"", "\\", "=", " ", "+", "+0D+0A", "+00", "[", "]", "IPv6:",
                        "SIZE=", "BODY=", "NOTIFY=", "ORCPT=", "ENVID=", "AUTH=", "RET=", "SMTPUTF8", "LAST",
                        "MAIL FROM:", "RCPT TO:")
                .maxLength(16 * 1024)
                .arbitrary();
    }

    @Property
    void aMutatedCommandLineGivesACommandOrACleanPermanentReply(@ForAll("commandLines") FuzzInput line) {
        try {
            SmtpCommand command = Fuzz.bounded(() -> SmtpCommandParser.parse(Unpooled.wrappedBuffer(line.bytes())));
            Fuzz.assertLinear("the command", command.toString().length(), line.length(), 2, 512);
        } catch (SmtpException refused) {
            assertThat(refused.reply().code()).isBetween(500, 599);
            // a reply echoing the client's CR LF would let it forge replies; RFC 5321 §4.5.3.1.5 caps a reply line
            assertThat(refused.reply().lines()).singleElement().asString().doesNotContain("\r", "\n", "\0");
            assertThat((refused.reply() + "\r\n").getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(512);
        }
    }

    /** The frame decoder reads BDAT's size before the session runs; it must refuse quietly, never throw. */
    @Property
    void theBdatLineOfAnyCommandLineIsReadOrNull(@ForAll("commandLines") FuzzInput line) {
        BdatLine bdat = Fuzz.bounded(() -> BdatLine.ofCommandLine(line.latin1()));
        if (bdat != null) {
            assertThat(bdat.size()).isNotNegative();
        }
    }
}
