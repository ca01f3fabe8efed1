package io.mailplatform.bench.delivery;

import io.mailplatform.delivery.config.DeliveryConfiguration;
import io.mailplatform.smtp.config.SmtpGatewayConfiguration;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/** The SMTP gateway and the delivery service (with its relay) in one JVM, nothing else: what the benchmarks start. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({SmtpGatewayConfiguration.class, DeliveryConfiguration.class})
public class GatewayAndDelivery {

    /** The gateway on {@code mxPort} only (no submission ports), both services named {@code mx.bench.test}. */
    public static Map<String, Object> properties(int mxPort) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("mail.smtp.mx-port", mxPort);
        properties.put("mail.smtp.submission-port", -1);
        properties.put("mail.smtp.submissions-port", -1);
        properties.put("mail.smtp.hostname", "mx.bench.test");
        properties.put("mail.delivery.hostname", "mx.bench.test");
        return properties;
    }
}
