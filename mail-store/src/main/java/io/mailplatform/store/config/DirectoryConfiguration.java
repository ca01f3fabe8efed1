package io.mailplatform.store.config;

import io.mailplatform.store.directory.Postmaster;
import io.mailplatform.store.directory.Subaddressing;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The directory rules every service shares: the postmaster and the subaddress separator. */
@Configuration(proxyBeanMethods = false)
public class DirectoryConfiguration {

    @Bean
    public Postmaster postmaster(StoreProperties properties) {
        return new Postmaster(properties.postmaster());
    }

    @Bean
    public Subaddressing subaddressing(StoreProperties properties) {
        return new Subaddressing(properties.subaddressSeparator());
    }
}
