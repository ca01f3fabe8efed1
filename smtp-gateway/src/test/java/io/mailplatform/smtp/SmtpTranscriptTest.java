package io.mailplatform.smtp;

import io.mailplatform.testsupport.Transcript;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every transcript in {@code transcripts/smtp} against the gateway over a real socket: one
 * file per behaviour, each reply code and enhanced status code spelled out.
 */
class SmtpTranscriptTest extends GatewayTestBase {
    @TestFactory
    Stream<DynamicTest> transcripts() {
        return Transcript.tests("transcripts/smtp", listener -> server.port(listener == null ? "smtp" : listener));
    }
}
