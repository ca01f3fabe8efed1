package io.mailplatform.core.mbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MboxWriterTest {
    private static String write(String sender, String message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new MboxWriter(out).write(sender, Instant.parse("2026-12-06T10:58:45Z"), message.getBytes(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void fromLinesAreQuotedOneLevelMoreAndLinesEndInLf() throws Exception {
        assertThat(write("a@example.org", "Subject: x\r\n\r\nFrom here\r\n>From there\r\n>>From far\r\nFromage\r\n From\r\n"))
                .isEqualTo("From a@example.org Sun Dec  6 10:58:45 2026\nSubject: x\n\n>From here\n>>From there\n"
                        + ">>>From far\nFromage\n From\n\n");
    }

    @Test
    void theNullSenderIsMailerDaemonAndALastLineWithoutBreakIsEnded() throws Exception {
        assertThat(write(null, "Subject: y\r\n\r\nno break")).isEqualTo(
                "From MAILER-DAEMON Sun Dec  6 10:58:45 2026\nSubject: y\n\nno break\n\n");
        assertThat(write("", "A: b\n\nc\n")).startsWith("From MAILER-DAEMON ");
        assertThat(write("odd sender@x", "A: b\n\nc\n")).startsWith("From oddsender@x ");
    }
}
