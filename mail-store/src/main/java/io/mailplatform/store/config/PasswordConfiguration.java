package io.mailplatform.store.config;

import io.mailplatform.core.auth.LoginThrottle;
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
}
