package io.mailplatform.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class LoginKeysTest {

    @ParameterizedTest
    @ValueSource(strings = {"alice@example.test", "ALICE@EXAMPLE.TEST", "\"alice\"@example.test",
            "\"al\\ice\"@example.test", "\"\\a\\l\\i\\c\\e\"@Example.Test", "alice@example\uFF0Etest",
            "alice@example\u3002test", "alice@example\uFF61test", "alice@\uFF25\uFF38\uFF21\uFF2D\uFF30\uFF2C\uFF25.test"})
    void everySpellingThatFindsTheAccountHasItsKey(String name) {
        assertThat(LoginKeys.account(name)).isEqualTo("alice@example.test");
    }

    @Test
    void aNameThatIsNoAddressIsKeyedLowerCasedAndLongNamesAreBounded() {
        assertThat(LoginKeys.account("Admin")).isEqualTo("admin");
        String huge = "x".repeat(100_000);
        assertThat(LoginKeys.account(huge)).hasSizeLessThanOrEqualTo(LoginKeys.MAX_KEY_LENGTH).startsWith("#");
        assertThat(LoginKeys.account(huge + "y")).isNotEqualTo(LoginKeys.account(huge));
        String longButParsable = "a".repeat(1_000) + "@example.test";
        assertThat(LoginKeys.account(longButParsable)).hasSizeLessThanOrEqualTo(LoginKeys.MAX_KEY_LENGTH);
    }

    @Test
    void ipv6ClientsAreKeyedByTheirSlash64AndIpv4ByTheAddress() throws Exception {
        String key = LoginKeys.client(InetAddress.getByName("2001:db8:1:2::a"), 64);
        assertThat(LoginKeys.client(InetAddress.getByName("2001:db8:1:2:ffff:eeee:dddd:1"), 64)).isEqualTo(key);
        assertThat(LoginKeys.client(InetAddress.getByName("2001:db8:1:3::a"), 64)).isNotEqualTo(key);
        assertThat(LoginKeys.client(InetAddress.getByName("2001:db8:1:3::a"), 56))
                .isEqualTo(LoginKeys.client(InetAddress.getByName("2001:db8:1:2::a"), 56));
        assertThat(LoginKeys.client(InetAddress.getByName("2001:db8:1:2::a"), 128))
                .isNotEqualTo(LoginKeys.client(InetAddress.getByName("2001:db8:1:2::b"), 128));

        assertThat(LoginKeys.client(InetAddress.getByName("192.0.2.1"), 64)).isEqualTo("192.0.2.1");
        assertThat(LoginKeys.client(InetAddress.getByName("192.0.2.2"), 64)).isEqualTo("192.0.2.2");
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 192, 0, 2, 1};
        assertThat(LoginKeys.client(Inet6Address.getByAddress(null, mapped, -1), 64)).isEqualTo("192.0.2.1");
    }
}
