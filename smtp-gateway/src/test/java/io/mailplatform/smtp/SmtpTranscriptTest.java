package io.mailplatform.smtp;

import io.mailplatform.smtp.policy.RecipientDirectory;
import io.mailplatform.smtp.server.SmtpServer;
import io.mailplatform.store.directory.DirectoryService;
import io.mailplatform.testsupport.Transcript;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Runs every transcript in {@code transcripts/smtp} against the gateway over a real socket: one
 * file per behaviour, each reply code and enhanced status code spelled out.
 */
@SmtpGatewayTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SmtpTranscriptTest {
    @Autowired
    SmtpServer server;

    @BeforeAll
    void provision(@Autowired DirectoryService directory, @Autowired RecipientDirectory cache) throws Exception {
        TestDirectory.provision(directory, cache);
    }

    @TestFactory
    Stream<DynamicTest> transcripts() {
        return Transcript.tests("transcripts/smtp", listener -> server.port(listener == null ? "smtp" : listener));
    }
}
