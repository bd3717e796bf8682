package com.leaveledger.bench.query;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/** Deletes and recreates a benchmark topic (12 partitions, kept forever). Not a test. */
public final class TopicReset {

    private TopicReset() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = BenchSupport.options(args);
        String topic = options.get("topic");
        if (topic == null || !topic.startsWith("bench.")) {
            throw new IllegalArgumentException("only topics named bench.* are reset, not " + topic);
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                options.getOrDefault("bootstrap", "localhost:9092")))) {
            Set<String> topics = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            if (topics.contains(topic)) {
                admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
                org.awaitility.Awaitility.await("topic " + topic + " deleted").atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> !admin.listTopics().names().get(10, TimeUnit.SECONDS).contains(topic));
            }
            // The broker may still be removing the old topic's data: retry the creation until it is accepted.
            org.awaitility.Awaitility.await("topic " + topic + " created").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(() -> {
                        admin.createTopics(List.of(new NewTopic(topic, 12, (short) 1)
                                .configs(Map.of("retention.ms", "-1")))).all().get(30, TimeUnit.SECONDS);
                        return true;
                    });
            System.out.println("    topic " + topic + " recreated (12 partitions)");
        }
    }
}
