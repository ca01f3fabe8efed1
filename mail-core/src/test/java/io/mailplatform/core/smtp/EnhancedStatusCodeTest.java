package io.mailplatform.core.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EnhancedStatusCodeTest {

    @ParameterizedTest
    @CsvSource({"'5.1.1 no such user',5.1.1", "'4.7.0',4.7.0", "'2.0.0 ok',2.0.0", "'5.123.999 x',5.123.999"})
    void aReplyTextStartingWithACodeHasIt(String text, String code) {
        assertThat(EnhancedStatusCode.leading(text)).hasToString(code);
        assertThat(EnhancedStatusCode.of(code)).isEqualTo(EnhancedStatusCode.leading(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ok", "5.1", "5.1.", "3.1.1 x", "5.1.1x", "55.1.1 x", "5.1234.1", "5..1", "5.1.1\tx", "x5.1.1"})
    void otherTextsHaveNone(String text) {
        assertThat(EnhancedStatusCode.leading(text)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"5.1.1 ", "5.01.1", "1.1.1", "5.1"})
    void ofTakesExactlyACode(String text) {
        assertThatThrownBy(() -> EnhancedStatusCode.of(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
