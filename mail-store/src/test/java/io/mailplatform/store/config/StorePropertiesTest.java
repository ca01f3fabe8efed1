package io.mailplatform.store.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** The directory settings are checked when they are bound, so a bad value stops the start with its reason. */
class StorePropertiesTest {

    private static StoreProperties with(String postmaster, String separator) {
        return new StoreProperties(6, 6, Duration.ofMillis(20), (short) 1, 1 << 20, Duration.ofSeconds(60),
                new StoreProperties.LoginThrottling(5, 20, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(5),
                        Duration.ofMinutes(15), 8, 16, 100_000, 64),
                postmaster, separator, new StoreProperties.Limits(10000, 10000, 1000, Duration.ofSeconds(20)),
                DataSize.ofMegabytes(32));
    }

    @Test
    void thePostmasterMustBeAMailboxAtADomainName() {
        assertThat(with(" hostmaster@Example.test ", "+").postmaster()).isEqualTo("hostmaster@Example.test");
        assertThat(with("", "+").postmaster()).isNull();
        assertThat(with(null, "+").postmaster()).isNull();
        assertThatThrownBy(() -> with("postmaster", "+")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mail.store.postmaster is not a mailbox address");
        assertThatThrownBy(() -> with("postmaster@[192.0.2.1]", "+")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("address literal");
    }

    @Test
    void theSubaddressSeparatorCannotBePartOfTheAddressSyntax() {
        assertThat(with(null, "-").subaddressSeparator()).isEqualTo("-");
        assertThat(with(null, "").subaddressSeparator()).isEmpty();
        for (String bad : new String[] {"@", " ", "\"", "+\t"}) {
            assertThatThrownBy(() -> with(null, bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("mail.store.subaddress-separator");
        }
    }
}
