package io.mailplatform.smtp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class SmtpPropertiesTest {

    private static SmtpProperties.Limits limits(DataSize maxMessageSize, DataSize memoryBudget) {
        return new SmtpProperties.Limits(maxMessageSize, memoryBudget, 100, 2000, 50, 10, Duration.ofMinutes(5),
                Duration.ofMinutes(3), Duration.ofSeconds(30), Duration.ofMinutes(5));
    }

    @Test
    void theMemoryBudgetDefaultsToAQuarterOfTheHeapButHoldsAtLeastOneMessage() {
        assertThat(limits(DataSize.ofMegabytes(1), null).memoryBudget().toBytes())
                .isEqualTo(Math.max(Runtime.getRuntime().maxMemory() / 4, DataSize.ofMegabytes(1).toBytes()));
        long huge = Runtime.getRuntime().maxMemory();
        assertThat(limits(DataSize.ofBytes(huge), null).memoryBudget().toBytes()).isEqualTo(huge);
    }

    @Test
    void aMemoryBudgetSmallerThanTheLargestMessageIsRefusedAtStart() {
        assertThatThrownBy(() -> limits(DataSize.ofMegabytes(50), DataSize.ofMegabytes(10)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mail.smtp.limits.memory-budget");
        assertThat(limits(DataSize.ofMegabytes(50), DataSize.ofMegabytes(50)).memoryBudget()).isEqualTo(DataSize.ofMegabytes(50));
    }
}
