package io.mailplatform.webmail.compose;

import jakarta.servlet.MultipartConfigElement;
import org.springframework.boot.servlet.MultipartConfigFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/**
 * Multipart uploads (attachments) are limited by {@code mail.webmail.send.max-message-size}: a larger
 * upload could never become a message, and is refused with 413 while it arrives. Files are kept in
 * memory up to 1 MiB, on disk beyond.
 */
@Configuration(proxyBeanMethods = false)
public class UploadLimits {

    @Bean
    public MultipartConfigElement multipartConfigElement(SendProperties properties) {
        MultipartConfigFactory factory = new MultipartConfigFactory();
        factory.setMaxFileSize(properties.maxMessageSize());
        factory.setMaxRequestSize(properties.maxMessageSize());
        factory.setFileSizeThreshold(DataSize.ofMegabytes(1));
        return factory.createMultipartConfig();
    }
}
