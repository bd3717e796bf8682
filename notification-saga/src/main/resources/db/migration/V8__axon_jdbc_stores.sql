-- One persistence stack (docs/adr/0045): Axon's JDBC stores replace the JPA ones on the same tables.

-- The event store: Axon's JDBC storage engine inserts events without a global index and lets the database number
-- them, one by one; Hibernate's pooled sequence (increment 50) is no longer used. The sequence's current value is at
-- or above every index Hibernate handed out, so the numbering stays increasing (as command_side's V3).
alter sequence domain_event_entry_seq increment by 1;
alter sequence domain_event_entry_seq owned by domain_event_entry.global_index;
alter table domain_event_entry alter column global_index set default nextval('domain_event_entry_seq');

-- The Kafka-fed processors' dead letters: Axon's JDBC queue (JdbcSequencedDeadLetterQueue) keeps its own times as
-- text in its ISO format (UTC, exactly three fraction digits: its claims compare them as text) where Hibernate kept
-- timestamptz. Converting the three columns in place carries every existing dead letter over, in this migration's
-- transaction: letter ids, sequences, payloads and causes unchanged, times cut to the millisecond.
alter table dead_letter_entry
    alter column enqueued_at type varchar(255)
        using to_char(enqueued_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    alter column last_touched type varchar(255)
        using to_char(last_touched at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    alter column processing_started type varchar(255)
        using to_char(processing_started at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
-- Axon's JDBC queue parses every letter's last touch and diagnostics (Axon's JPA queue always set the first; an
-- erasure emptied the second, which the JDBC queue could not read: empty metadata instead).
update dead_letter_entry set last_touched = enqueued_at where last_touched is null;
update dead_letter_entry set diagnostics = convert_to('{}', 'UTF8') where diagnostics is null;

-- Snapshots: the saga's event store holds no aggregate (the saga and the delivery handlers are not event-sourced),
-- so nothing ever wrote or read this table.
drop table snapshot_event_entry;
