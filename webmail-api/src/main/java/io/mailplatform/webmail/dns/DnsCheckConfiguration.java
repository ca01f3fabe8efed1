package io.mailplatform.webmail.dns;

import java.net.UnknownHostException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The resolver of the DNS record check, from {@code mail.webmail.dns-check.*}. */
@Configuration(proxyBeanMethods = false)
public class DnsCheckConfiguration {

    @Bean
    public DnsRecordCheck dnsRecordCheck(DnsCheckProperties properties) throws UnknownHostException {
        return new DnsRecordCheck(properties);
    }
}
