-- The chaining trigger of V5 computes the same hashes with the canonical bytes written out inline: V5's SQL helper
-- functions cannot be inlined into a PL/pgSQL trigger, so PostgreSQL planned them again in every transaction, which
-- cost the command path about a seventh of its throughput (docs/benchmarks.md, "chaining"). The bytes hashed are
-- unchanged (docs/adr/0033, section 2; the verifier module's EventHashes), so nothing stored changes.
create or replace function chain_event() returns trigger
    language plpgsql
    set search_path from current
as $$
declare
    previous bytea;
begin
    if new.sequence_number = 0 then
        previous := '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea;
    else
        select chain_hash into previous
        from domain_event_entry
        where aggregate_identifier = new.aggregate_identifier and sequence_number = new.sequence_number - 1;
        if previous is null then
            raise exception 'sequence-gap: aggregate % has no event % to chain event % to',
                new.aggregate_identifier, new.sequence_number - 1, new.sequence_number
                using errcode = 'P0001';
        end if;
    end if;
    new.content_hash := sha256(convert_to('leave-ledger/event/v1', 'UTF8')
        || int4send(octet_length(convert_to(new.event_identifier, 'UTF8'))) || convert_to(new.event_identifier, 'UTF8')
        || int4send(octet_length(convert_to(new.aggregate_identifier, 'UTF8')))
        || convert_to(new.aggregate_identifier, 'UTF8')
        || int8send(new.sequence_number)
        || case when new.type is null then int4send(-1)
                else int4send(octet_length(convert_to(new.type, 'UTF8'))) || convert_to(new.type, 'UTF8') end
        || case when new.payload_type is null then int4send(-1)
                else int4send(octet_length(convert_to(new.payload_type, 'UTF8'))) || convert_to(new.payload_type, 'UTF8')
           end
        || case when new.payload_revision is null then int4send(-1)
                else int4send(octet_length(convert_to(new.payload_revision, 'UTF8')))
                     || convert_to(new.payload_revision, 'UTF8') end
        || case when new.payload is null then int4send(-1) else int4send(length(new.payload)) || new.payload end
        || case when new.meta_data is null then int4send(-1) else int4send(length(new.meta_data)) || new.meta_data end
        || case when new.time_stamp is null then int4send(-1)
                else int4send(octet_length(convert_to(new.time_stamp, 'UTF8'))) || convert_to(new.time_stamp, 'UTF8')
           end);
    new.chain_hash := sha256(previous || new.content_hash);
    return new;
end
$$;
