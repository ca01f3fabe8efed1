package io.mailplatform.testsupport;

import java.util.Map;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** One embedded single-node KRaft broker per test JVM (spring-kafka-test), started on first use. */
public final class TestKafka {
    /** spring-kafka-test announces every broker it starts in these system properties. */
    private static final String[] ANNOUNCED = {"spring.kafka.bootstrap-servers", "spring.embedded.kafka.brokers"};
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
                    b = configured();
                    b.afterPropertiesSet();
                    EmbeddedKafkaKraftBroker started = b;
                    Runtime.getRuntime().addShutdownHook(new Thread(started::destroy));
                    broker = b;
                }
            }
        }
        return b;
    }

    /**
     * A broker of its own, for a second platform in the same JVM: the topic names are fixed, so two
     * platforms on one broker would read each other's mail. The JVM's shared broker stays the one
     * the system properties name. The caller destroys it.
     */
    public static synchronized EmbeddedKafkaKraftBroker separateBroker() {
        String[] announced = new String[ANNOUNCED.length];
        for (int i = 0; i < ANNOUNCED.length; i++) {
            announced[i] = System.getProperty(ANNOUNCED[i]);
        }
        EmbeddedKafkaKraftBroker separate = configured();
        try {
            separate.afterPropertiesSet();
        } finally {
            for (int i = 0; i < ANNOUNCED.length; i++) {
                if (announced[i] == null) {
                    System.clearProperty(ANNOUNCED[i]);
                } else {
                    System.setProperty(ANNOUNCED[i], announced[i]);
                }
            }
        }
        return separate;
    }

    private static EmbeddedKafkaKraftBroker configured() {
        EmbeddedKafkaKraftBroker b = new EmbeddedKafkaKraftBroker(1, 2);
        b.brokerProperties(Map.of(
                "auto.create.topics.enable", "false",
                "message.max.bytes", Integer.toString(64 << 20),
                "group.initial.rebalance.delay.ms", "0",
                "offsets.topic.num.partitions", "2"));
        return b;
    }
}
