package com.leaveledger.notification.deadletter;

import com.leaveledger.support.infra.PeriodicWork;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes every dead letter to the {@code leave-ledger.notifications.dlq} topic, with its cause. The table is the
 * outbox: a dead letter is marked published only after Kafka acknowledged it, so none is lost if Kafka is down
 * (it is published when Kafka is back) and a crash in between publishes it again (at least once; consumers
 * deduplicate by {@code deadLetterId}). Rows are locked while being published, so instances do not publish the
 * same rows at once. Also keeps the gauge of open dead letters.
 */
public class DeadLetterPublisher extends PeriodicWork {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Producer<String, String> producer;
    private final ObjectMapper json;
    private final String topic;
    private final DeadLetterStore store;
    private final AtomicLong open = new AtomicLong();

    public DeadLetterPublisher(JdbcTemplate jdbc, TransactionTemplate transactions, Producer<String, String> producer,
                               ObjectMapper json, String topic, Duration interval, DeadLetterStore store) {
        super("dead-letter-publisher", interval, interval, "unpublished dead letters wait in the table");
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.producer = producer;
        this.json = json;
        this.topic = topic;
        this.store = store;
    }

    /** Open dead letters, as of the last round (a gauge). */
    public long open() {
        return open.get();
    }

    /** Publishes what is pending; answers how many it published. */
    public int publishPending() {
        Integer published = transactions.execute(status -> {
            List<Map<String, Object>> rows = jdbc.queryForList("select dead_letter_id, kind, delivery_id, "
                    + "leave_request_id, channel, recipient_id, event_identifier, payload_type, attempts, cause_type, "
                    + "cause_message, created_at from dead_letter where published_at is null order by created_at "
                    + "limit 100 for update skip locked");
            if (rows.isEmpty()) {
                return 0;
            }
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            for (Map<String, Object> row : rows) {
                Object key = row.get("leave_request_id") != null ? row.get("leave_request_id") : row.get("dead_letter_id");
                ProducerRecord<String, String> record = new ProducerRecord<>(topic, key.toString(), write(camel(row)));
                record.headers().add("dead-letter-kind", String.valueOf(row.get("kind")).getBytes(StandardCharsets.UTF_8));
                record.headers().add("dead-letter-cause", String.valueOf(row.get("cause_type"))
                        .getBytes(StandardCharsets.UTF_8));
                sends.add(producer.send(record));
            }
            for (Future<RecordMetadata> send : sends) {
                try {
                    send.get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException("the dead-letter topic did not acknowledge", e);
                }
            }
            jdbc.update("update dead_letter set published_at = now() where dead_letter_id = any(cast(? as uuid[]))",
                    (Object) rows.stream().map(r -> r.get("dead_letter_id").toString()).toArray(String[]::new));
            return rows.size();
        });
        return published == null ? 0 : published;
    }

    private static Map<String, Object> camel(Map<String, Object> row) {
        Map<String, Object> message = new LinkedHashMap<>();
        row.forEach((column, value) -> {
            StringBuilder name = new StringBuilder();
            boolean upper = false;
            for (char c : column.toCharArray()) {
                if (c == '_') {
                    upper = true;
                } else {
                    name.append(upper ? Character.toUpperCase(c) : c);
                    upper = false;
                }
            }
            message.put(name.toString(), value instanceof UUID || value instanceof java.sql.Timestamp
                    ? (value instanceof java.sql.Timestamp ts ? ts.toInstant().toString() : value.toString()) : value);
        });
        return message;
    }

    private String write(Map<String, Object> message) {
        try {
            return json.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected void runOnce() {
        while (isRunning() && publishPending() == 100) {
            // a full page: there may be more
        }
        open.set(store.countOpen());
    }
}
