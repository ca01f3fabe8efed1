package io.mailplatform.webmail.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContentDispositionsTest {
    @Test
    void namesLoseDirectoriesControlsAndLeadingDots() {
        assertThat(ContentDispositions.safeName("../../etc/passwd")).isEqualTo("passwd");
        assertThat(ContentDispositions.safeName("C:\\Windows\\evil.exe")).isEqualTo("evil.exe");
        assertThat(ContentDispositions.safeName(".bashrc")).isEqualTo("bashrc");
        assertThat(ContentDispositions.safeName("a\r\nb\u0000c")).isEqualTo("abc");
        assertThat(ContentDispositions.safeName("invoice\u202Efdp.exe")).as("no bidi override").isEqualTo("invoicefdp.exe");
        assertThat(ContentDispositions.safeName("")).isEqualTo("attachment");
        assertThat(ContentDispositions.safeName(null)).isEqualTo("attachment");
        assertThat(ContentDispositions.safeName("x".repeat(500))).hasSize(200);
    }

    @Test
    void theHeaderHasAnAsciiFallbackAndTheUtf8Name() {
        assertThat(ContentDispositions.attachment("résumé \"final\";.pdf")).isEqualTo(
                "attachment; filename=\"r_sum_ _final_;.pdf\"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%22final%22%3B.pdf");
    }
}
