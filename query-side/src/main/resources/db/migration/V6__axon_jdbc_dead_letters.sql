-- One persistence stack (docs/adr/0045): Axon's JDBC dead-letter queue (JdbcSequencedDeadLetterQueue) replaces the
-- JPA one, on the same table. The column layouts are the same but for the queue's own times, which Axon's JDBC queue
-- keeps as text in its ISO format (UTC, exactly three fraction digits: its claims compare them as text) where
-- Hibernate kept timestamptz. Converting the three columns in place carries every existing dead letter over, in
-- this migration's transaction: letter ids, sequences, payloads and causes unchanged, times cut to the millisecond.
alter table dead_letter_entry
    alter column enqueued_at type varchar(255)
        using to_char(enqueued_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    alter column last_touched type varchar(255)
        using to_char(last_touched at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    alter column processing_started type varchar(255)
        using to_char(processing_started at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');

-- Axon's JDBC queue parses every letter's last touch (Axon's JPA queue always set it; this only guards).
update dead_letter_entry set last_touched = enqueued_at where last_touched is null;

-- Registered by Axon's JPA auto-configuration only; the query side has no sagas.
drop table association_value_entry;
drop sequence association_value_entry_seq;
drop table saga_entry;
