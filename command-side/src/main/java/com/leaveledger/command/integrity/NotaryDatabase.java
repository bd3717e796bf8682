package com.leaveledger.command.integrity;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The second, small connection pool, logged in as the notary role that owns schema {@code ledger_integrity}
 * (docs/adr/0033, section 3). Its Flyway (classpath {@code db/integrity}) runs as that role and grants the service's
 * role {@code SELECT} only. Deliberately not a {@code DataSource} bean: Spring Boot's own pool, Flyway and
 * transactions stay the service's.
 */
public final class NotaryDatabase implements AutoCloseable {

    private final HikariDataSource pool;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    NotaryDatabase(IntegrityProperties.Notary notary, String serviceRole) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("notary");
        config.setJdbcUrl(notary.url());
        config.setUsername(notary.username());
        config.setPassword(notary.password());
        config.setSchema(notary.schema());
        config.setMaximumPoolSize(notary.poolSize());
        config.setMinimumIdle(0);
        config.addDataSourceProperty("ApplicationName", "command-side-notary");
        this.pool = new HikariDataSource(config);
        try {
            Flyway.configure()
                    .dataSource(pool)
                    .schemas(notary.schema())
                    .defaultSchema(notary.schema())
                    .locations("classpath:db/integrity")
                    .placeholders(Map.of("serviceRole", serviceRole))
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw new IllegalStateException("cannot prepare schema " + notary.schema() + " as " + notary.username()
                    + " (scripts/ledger db-up creates the role; docs/runbooks/verifying-the-ledger.md)", e);
        }
        this.jdbc = new JdbcTemplate(pool);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(pool));
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }

    public TransactionTemplate transactions() {
        return transactions;
    }

    @Override
    public void close() {
        pool.close();
    }
}
