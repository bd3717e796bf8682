-- The event store becomes append-only and hash-chained (docs/adr/0033-compliance-integrity.md, sections 1 and 2).
--
-- content_hash = sha256(canonical bytes of the event as stored)
-- chain_hash   = sha256(chain_hash of the aggregate's previous event (32 zero bytes before sequence 0) || content_hash)
--
-- The canonical bytes are the format tag 'leave-ledger/event/v1' followed by each field as a 4-byte big-endian length
-- and its bytes (-1 and no bytes for null; text as UTF-8; the sequence number as 8 bytes, big-endian):
-- event_identifier, aggregate_identifier, sequence_number, type, payload_type, payload_revision, payload, meta_data,
-- time_stamp. The verifier module recomputes exactly this (com.leaveledger.verifier.EventHashes).

create function ledger_field(value bytea) returns bytea
    language sql immutable parallel safe
as $$ select case when value is null then int4send(-1) else int4send(length(value)) || value end $$;

create function ledger_text_field(value text) returns bytea
    language sql immutable parallel safe
as $$ select ledger_field(convert_to(value, 'UTF8')) $$;

create function event_content_hash(event_identifier text, aggregate_identifier text, sequence_number bigint,
                                   type text, payload_type text, payload_revision text, payload bytea,
                                   meta_data bytea, time_stamp text) returns bytea
    language sql immutable parallel safe
    set search_path from current
as $$
select sha256(convert_to('leave-ledger/event/v1', 'UTF8')
    || ledger_text_field(event_identifier)
    || ledger_text_field(aggregate_identifier)
    || int8send(sequence_number)
    || ledger_text_field(type)
    || ledger_text_field(payload_type)
    || ledger_text_field(payload_revision)
    || ledger_field(payload)
    || ledger_field(meta_data)
    || ledger_text_field(time_stamp))
$$;

alter table domain_event_entry
    add column content_hash bytea,
    add column chain_hash   bytea;

-- Events stored before this migration: chained once, per aggregate in sequence order. A checkpoint vouches for them
-- from then on; before it they were unprotected (ADR 0033).
with recursive hashed as (
    select e.global_index,
           event_content_hash(e.event_identifier, e.aggregate_identifier, e.sequence_number, e.type, e.payload_type,
                              e.payload_revision, e.payload, e.meta_data, e.time_stamp) as content_hash,
           e.aggregate_identifier, e.sequence_number
    from domain_event_entry e
), chained as (
    select h.global_index, h.aggregate_identifier, h.sequence_number, h.content_hash,
           sha256(decode(repeat('00', 32), 'hex') || h.content_hash) as chain_hash
    from hashed h
    where h.sequence_number = 0
    union all
    select h.global_index, h.aggregate_identifier, h.sequence_number, h.content_hash,
           sha256(c.chain_hash || h.content_hash)
    from chained c
    join hashed h on h.aggregate_identifier = c.aggregate_identifier and h.sequence_number = c.sequence_number + 1
)
update domain_event_entry e
set content_hash = c.content_hash, chain_hash = c.chain_hash
from chained c
where e.global_index = c.global_index;

-- Hashes are computed here, in the inserting transaction, for every writer. The predecessor must exist: an
-- aggregate's sequence is gap-free, and the chain enforces it.
create function chain_event() returns trigger
    language plpgsql
    set search_path from current
as $$
declare
    previous bytea;
begin
    if new.sequence_number = 0 then
        previous := decode(repeat('00', 32), 'hex');
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
    new.content_hash := event_content_hash(new.event_identifier, new.aggregate_identifier, new.sequence_number,
                                           new.type, new.payload_type, new.payload_revision, new.payload,
                                           new.meta_data, new.time_stamp);
    new.chain_hash := sha256(previous || new.content_hash);
    return new;
end
$$;

create trigger domain_event_entry_chain
    before insert on domain_event_entry
    for each row execute function chain_event();

-- Nothing is updated in place, nothing is deleted: for every role, the table's owner included. A superuser can
-- disable this; the chain and the signed checkpoints are what detect that.
create function refuse_event_change() returns trigger
    language plpgsql
as $$
begin
    raise exception 'append-only: events are never updated or deleted (% refused on %)', tg_op, tg_table_name
        using errcode = 'P0001';
end
$$;

create trigger domain_event_entry_append_only
    before update or delete on domain_event_entry
    for each row execute function refuse_event_change();

create trigger domain_event_entry_no_truncate
    before truncate on domain_event_entry
    for each statement execute function refuse_event_change();

alter table domain_event_entry
    alter column content_hash set not null,
    alter column chain_hash set not null;
