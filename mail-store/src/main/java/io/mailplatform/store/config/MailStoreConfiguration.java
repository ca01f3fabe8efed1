package io.mailplatform.store.config;

import io.mailplatform.store.failure.StoreExceptionTranslation;
import io.mailplatform.store.mailbox.ContentCache;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** Imported by every service: the directory, the mailbox service and mailbox events. */
@Configuration(proxyBeanMethods = false)
@ComponentScan(basePackages = "io.mailplatform.store")
@ConfigurationPropertiesScan(basePackages = "io.mailplatform.store")
public class MailStoreConfiguration {

    /** Store beans throw store exceptions only (static: a post-processor is created before other beans). */
    @Bean
    static StoreExceptionTranslation storeExceptionTranslation() {
        return new StoreExceptionTranslation();
    }

    /** What FETCH reads of stored contents again and again ({@code mail.store.content-cache}). */
    @Bean
    ContentCache contentCache(StoreProperties store) {
        return new ContentCache(store.contentCache().toBytes());
    }
}
