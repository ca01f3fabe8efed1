package io.mailplatform.core.thread;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageIdsTest {
    @Test
    void quotedAndUnquotedFormsOfOneIdAreEqual() {
        // RFC 5256 §3 (REFERENCES), the example of normalization
        assertThat(MessageIds.first("<\"01KF8JCEOCBS0045PS\"@xxx.yyy.com>"))
                .isEqualTo(MessageIds.first("<01KF8JCEOCBS0045PS@xxx.yyy.com>")).isEqualTo("01KF8JCEOCBS0045PS@xxx.yyy.com");
    }

    @Test
    void idsAreReadInOrderAndInvalidOnesSkipped() {
        assertThat(MessageIds.all(" <a@b>\r\n (comment) <no-at-sign> <@b> <c@> <d@e>junk<f@g")).containsExactly("a@b",
                "d@e");
        assertThat(MessageIds.all(null)).isEmpty();
        assertThat(MessageIds.first("<x@" + "y".repeat(MessageIds.MAX_LENGTH) + ">")).isNull();
    }

    @Test
    void keysComeFromTheHeaderFields() {
        byte[] message = ("Message-ID: <m@x>\r\nSubject: Re: [list] hello\r\nReferences: <a@x>\r\n <b@x>\r\n"
                + "In-Reply-To: <z@x>\r\n\r\nReferences: <body@x>\r\n").getBytes();
        ThreadKeys keys = ThreadKeys.of(message);
        assertThat(keys).isEqualTo(new ThreadKeys("m@x", java.util.List.of("a@x", "b@x"), true));
        assertThat(ThreadKeys.of("Subject: hello\r\n\r\n".getBytes()))
                .isEqualTo(new ThreadKeys(null, java.util.List.of(), false));
    }

    @Test
    void onlyTheLastReferencesAreKept() {
        StringBuilder references = new StringBuilder();
        for (int i = 0; i < ThreadKeys.MAX_REFERENCES + 5; i++) {
            references.append(" <").append(i).append("@x>");
        }
        ThreadKeys keys = ThreadKeys.of(null, references.toString(), null, null);
        assertThat(keys.references()).hasSize(ThreadKeys.MAX_REFERENCES).startsWith("5@x")
                .endsWith((ThreadKeys.MAX_REFERENCES + 4) + "@x");
    }
}
