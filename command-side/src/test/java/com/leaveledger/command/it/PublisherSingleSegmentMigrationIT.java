package com.leaveledger.command.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Flyway V4 merges the former pooled publisher's segment tokens into one at their lower bound (the lowest index,
 * every gap below it), on a scratch schema of the test database holding V1's {@code token_entry}.
 */
class PublisherSingleSegmentMigrationIT {

    private static final String PUBLISHER = "__axon-kafka-event-publishing-group";
    private static final String GAP_AWARE = "org.axonframework.eventhandling.GapAwareTrackingToken";

    private Connection db;

    @BeforeEach
    void scratchSchema() throws SQLException {
        db = DriverManager.getConnection(
                System.getenv().getOrDefault("LEDGER_TEST_DB_URL", "jdbc:postgresql://localhost:5432/leave_ledger_test"),
                "leave_ledger", "leave_ledger");
        try (Statement sql = db.createStatement()) {
            sql.execute("drop schema if exists v4_migration cascade");
            sql.execute("create schema v4_migration");
            sql.execute("set search_path to v4_migration");
            sql.execute("""
                    create table token_entry (
                        processor_name varchar(255) not null, segment integer not null, token bytea,
                        token_type varchar(255), owner varchar(255), timestamp varchar(255) not null,
                        primary key (segment, processor_name))""");
        }
    }

    @AfterEach
    void dropSchema() throws SQLException {
        try (Statement sql = db.createStatement()) {
            sql.execute("drop schema if exists v4_migration cascade");
        }
        db.close();
    }

    @Test
    void eightSegmentTokensBecomeOneAtTheirLowerBound() throws Exception {
        insert(PUBLISHER, 0, "{\"index\":120,\"gaps\":[101,115]}", "node-a");
        insert(PUBLISHER, 1, "{\"index\":100,\"gaps\":[97]}", "node-a");
        insert(PUBLISHER, 2, "{\"index\":130,\"gaps\":[99,125]}", null);
        for (int segment = 3; segment < 8; segment++) {
            insert(PUBLISHER, segment, "{\"index\":140,\"gaps\":[]}", "node-a");
        }
        insert("other-processor", 0, "{\"index\":5,\"gaps\":[]}", "node-a");

        migrate();

        List<String> rows = rows();
        assertThat(rows).containsExactlyInAnyOrder(
                PUBLISHER + "/0 {\"gaps\": [97, 99], \"index\": 100} owner=null",
                "other-processor/0 {\"index\":5,\"gaps\":[]} owner=node-a");
    }

    @Test
    void aSegmentWithoutAPositionMakesTheMergedOneStartFromTheBeginning() throws Exception {
        insert(PUBLISHER, 0, "{\"index\":120,\"gaps\":[]}", null);
        insert(PUBLISHER, 1, null, null);

        migrate();

        assertThat(rows()).containsExactly(PUBLISHER + "/0 null owner=null");
    }

    @Test
    void aSingleSegmentIsLeftAlone() throws Exception {
        insert(PUBLISHER, 0, "{\"index\":120,\"gaps\":[118]}", "node-a");

        migrate();

        assertThat(rows()).containsExactly(PUBLISHER + "/0 {\"index\":120,\"gaps\":[118]} owner=node-a");
    }

    @Test
    void aRepublicationInProgressStopsTheMigration() throws Exception {
        insert(PUBLISHER, 0, "{\"index\":120,\"gaps\":[]}", null);
        try (var insert = db.prepareStatement(
                "insert into token_entry values (?, 1, ?, 'org.axonframework.eventhandling.ReplayToken', null, 'now')")) {
            insert.setString(1, PUBLISHER);
            insert.setBytes(2, "{}".getBytes(StandardCharsets.UTF_8));
            insert.executeUpdate();
        }

        assertThatThrownBy(this::migrate).hasMessageContaining("republication");
    }

    private void migrate() throws Exception {
        String script;
        try (var in = getClass().getResourceAsStream("/db/migration/V4__publisher_single_segment.sql")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Statement sql = db.createStatement()) {
            sql.execute(script);
        }
    }

    private void insert(String processor, int segment, String token, String owner) throws SQLException {
        try (var insert = db.prepareStatement("insert into token_entry values (?, ?, ?, ?, ?, 'now')")) {
            insert.setString(1, processor);
            insert.setInt(2, segment);
            insert.setBytes(3, token == null ? null : token.getBytes(StandardCharsets.UTF_8));
            insert.setString(4, token == null ? null : GAP_AWARE);
            insert.setString(5, owner);
            insert.executeUpdate();
        }
    }

    private List<String> rows() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement sql = db.createStatement();
             ResultSet result = sql.executeQuery("select processor_name, segment, convert_from(token, 'UTF8'), owner "
                     + "from token_entry order by processor_name, segment")) {
            while (result.next()) {
                rows.add(result.getString(1) + "/" + result.getInt(2) + " " + result.getString(3)
                        + " owner=" + result.getString(4));
            }
        }
        return rows;
    }
}
