package io.mailplatform.core.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MailboxAddressTest {

    @Test
    void parsesAndNormalizes() throws AddressException {
        MailboxAddress address = MailboxAddress.parse("Alice.Smith@Example.TEST");
        assertThat(address.localPart()).isEqualTo("Alice.Smith");
        assertThat(address.domain().name()).isEqualTo("example.test");
        assertThat(address.normalized()).isEqualTo("alice.smith@example.test");
    }

    @Test
    void unquotesAndRequotesQuotedLocalParts() throws AddressException {
        MailboxAddress address = MailboxAddress.parse("\"john \\\"jd\\\" doe\"@example.test");
        assertThat(address.localPart()).isEqualTo("john \"jd\" doe");
        assertThat(address).hasToString("\"john \\\"jd\\\" doe\"@example.test");
    }

    @Test
    void keepsInternationalAddressesWithPunycodeDomain() throws AddressException {
        MailboxAddress address = MailboxAddress.parse("jörg@exämple.test");
        assertThat(address.isInternational()).isTrue();
        assertThat(address.domain().name()).isEqualTo("xn--exmple-cua.test");
        assertThat(address.domain().unicode()).isEqualTo("exämple.test");
    }

    @Test
    void acceptsAddressLiterals() throws AddressException {
        assertThat(MailboxAddress.parse("postmaster@[192.0.2.1]").domain().isAddressLiteral()).isTrue();
        assertThat(MailboxAddress.parse("postmaster@[IPv6:2001:db8::1]").domain().isAddressLiteral()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "@example.test", "alice@", "alice", "al..ice@example.test", ".alice@example.test",
            "alice@-example.test", "alice@exa_mple.test", "a b@example.test", "alice@[300.1.1.1]", "\"open@example.test",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@example.test"})
    void rejectsInvalidAddresses(String text) {
        assertThatThrownBy(() -> MailboxAddress.parse(text)).isInstanceOf(AddressException.class);
    }
}
