package io.mailplatform.delivery.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Next hops as routes and the smart host are written. */
class HostPortTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "mx.example.org|mx.example.org|25",
            "mx.example.org:2525|mx.example.org|2525",
            "[mx.example.org]:587|mx.example.org|587",
            "127.0.0.1:10026|127.0.0.1|10026",
            "[2001:db8::1]:25|2001:db8::1|25",
            "[::1]|::1|25",
            " relay.example.org:26 |relay.example.org|26"})
    void parses(String text, String host, int port) {
        assertThat(HostPort.parse(text, 25)).isEqualTo(new HostPort(host, port));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ":25", "host:", "host:x", "host:0", "host:70000", "2001:db8::1", "[::1", "[::1]25"})
    void refusesWhatIsNoNextHop(String text) {
        assertThatThrownBy(() -> HostPort.parse(text, 25)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mx.example.org:25", "[2001:db8::1]:25"})
    void printsAsItParses(String text) {
        assertThat(HostPort.parse(text, 25)).hasToString(text);
    }
}
