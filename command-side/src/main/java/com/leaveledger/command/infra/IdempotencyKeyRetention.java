package com.leaveledger.command.infra;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Forgets Idempotency-Keys older than the retention ({@code ledger.idempotency.retention}, 7 days by default): a
 * client retries within minutes, not weeks. Harmless when several instances run it at once.
 */
public class IdempotencyKeyRetention {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeyRetention.class);

    private final JdbcTemplate jdbc;
    private final Duration retention;

    public IdempotencyKeyRetention(JdbcTemplate jdbc, Duration retention) {
        this.jdbc = jdbc;
        this.retention = retention;
    }

    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "${ledger.idempotency.purge-every:PT1H}")
    public void purge() {
        int removed = jdbc.update("delete from command_idempotency where created_at < now() - make_interval(secs => ?)",
                (double) retention.toSeconds());
        if (removed > 0) {
            log.info("forgot {} idempotency keys older than {}", removed, retention);
        }
    }
}
