package io.mailplatform.testsupport;

import java.util.Map;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** One embedded single-node KRaft broker per test JVM (spring-kafka-test), started on first use. */
public final class TestKafka {
    private static volatile EmbeddedKafkaKraftBroker broker;

    private TestKafka() {
    }

    public static String bootstrapServers() {
        return broker().getBrokersAsString();
    }

    public static EmbeddedKafkaKraftBroker broker() {
        EmbeddedKafkaKraftBroker b = broker;
        if (b == null) {
            synchronized (TestKafka.class) {
                b = broker;
                if (b == null) {
                    b = new EmbeddedKafkaKraftBroker(1, 2);
                    b.brokerProperties(Map.of(
                            "auto.create.topics.enable", "false",
                            "message.max.bytes", Integer.toString(64 << 20),
                            "group.initial.rebalance.delay.ms", "0",
                            "offsets.topic.num.partitions", "2"));
                    b.afterPropertiesSet();
                    EmbeddedKafkaKraftBroker started = b;
                    Runtime.getRuntime().addShutdownHook(new Thread(started::destroy));
                    broker = b;
                }
            }
        }
        return b;
    }
}
