package io.mailplatform.store.config;

import io.mailplatform.core.auth.LoginThrottle;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Password checking: adaptive password hashes with an algorithm prefix ({@code {bcrypt}...}), so the algorithm can change later. */
@Configuration(proxyBeanMethods = false)
public class PasswordConfiguration {
    @Bean
    public PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /** One throttle per process, shared by every protocol, so guessing over SMTP also slows IMAP guesses. */
    @Bean
    public LoginThrottle loginThrottle(StoreProperties properties) {
        return new LoginThrottle(properties.loginThrottle().policy());
    }

    /**
     * {@code mail.auth.failures}: failed password checks of every protocol; {@code mail.auth.refused}:
     * attempts the throttle refused unchecked (too many at once, or too soon after failures).
     */
    @Bean
    public MeterBinder loginThrottleMeters(LoginThrottle throttle) {
        return registry -> {
            FunctionCounter.builder("mail.auth.failures", throttle, LoginThrottle::totalFailures)
                    .description("failed login checks").register(registry);
            FunctionCounter.builder("mail.auth.refused", throttle, LoginThrottle::totalRefused)
                    .description("login attempts refused unchecked by the throttle").register(registry);
        };
    }
}
