package io.mailplatform.smtp;

import io.mailplatform.smtp.server.SmtpServer;
import io.mailplatform.testsupport.RealInfrastructure;
import io.mailplatform.testsupport.Transcript;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** Runs every transcript in {@code transcripts/smtp} against the gateway over a real socket. */
@SpringBootTest(classes = SmtpGatewayApplication.class, properties = {"mail.smtp.mx-port=0",
        "mail.smtp.submission-port=0", "mail.smtp.submissions-port=0", "mail.smtp.hostname=mx.example.test"})
@RealInfrastructure
class SmtpTranscriptTest {
    @Autowired
    SmtpServer server;

    @TestFactory
    Stream<DynamicTest> transcripts() {
        return Transcript.tests("transcripts/smtp", listener -> server.port(listener == null ? "smtp" : listener));
    }
}
