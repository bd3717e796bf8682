-- The chaining trigger of V5/V6 computes the same hashes with less work per call (docs/adr/0033, "Cost"):
-- * no "set search_path from current": a function with a SET clause saves, sets and restores the setting on every
--   call, and a changed search_path makes PostgreSQL recompute its namespace list, in the trigger and again in the
--   next statement of the session. The one table it reads is named with its schema instead (Flyway's default schema,
--   the one V5 created it in), so the trigger reads the same table whatever search_path the inserting session has;
-- * every text field converted to UTF-8 once (V6 converted each twice: for its length and for its bytes), and the
--   format tag a constant.
-- The bytes hashed are unchanged (the verifier module's EventHashes), so nothing stored changes; the predecessor is
-- still looked up through the unique index (aggregate_identifier, sequence_number), in the inserting transaction.
create or replace function chain_event() returns trigger
    language plpgsql
as $$
declare
    previous                  bytea;
    utf8_event_identifier     bytea := convert_to(new.event_identifier, 'UTF8');
    utf8_aggregate_identifier bytea := convert_to(new.aggregate_identifier, 'UTF8');
    utf8_type                 bytea := convert_to(new.type, 'UTF8');
    utf8_payload_type         bytea := convert_to(new.payload_type, 'UTF8');
    utf8_payload_revision     bytea := convert_to(new.payload_revision, 'UTF8');
    utf8_time_stamp           bytea := convert_to(new.time_stamp, 'UTF8');
begin
    if new.sequence_number = 0 then
        previous := '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea;
    else
        select e.chain_hash into previous
        from ${flyway:defaultSchema}.domain_event_entry e
        where e.aggregate_identifier = new.aggregate_identifier and e.sequence_number = new.sequence_number - 1;
        if previous is null then
            raise exception 'sequence-gap: aggregate % has no event % to chain event % to',
                new.aggregate_identifier, new.sequence_number - 1, new.sequence_number
                using errcode = 'P0001';
        end if;
    end if;
    -- 'leave-ledger/event/v1' in UTF-8
    new.content_hash := sha256('\x6c656176652d6c65646765722f6576656e742f7631'::bytea
        || int4send(length(utf8_event_identifier)) || utf8_event_identifier
        || int4send(length(utf8_aggregate_identifier)) || utf8_aggregate_identifier
        || int8send(new.sequence_number)
        || coalesce(int4send(length(utf8_type)) || utf8_type, int4send(-1))
        || coalesce(int4send(length(utf8_payload_type)) || utf8_payload_type, int4send(-1))
        || coalesce(int4send(length(utf8_payload_revision)) || utf8_payload_revision, int4send(-1))
        || coalesce(int4send(length(new.payload)) || new.payload, int4send(-1))
        || coalesce(int4send(length(new.meta_data)) || new.meta_data, int4send(-1))
        || coalesce(int4send(length(utf8_time_stamp)) || utf8_time_stamp, int4send(-1)));
    new.chain_hash := sha256(previous || new.content_hash);
    return new;
end
$$;
