-- Signed checkpoints (docs/adr/0033, section 3), in a schema owned by the notary role: the service's role reads,
-- only the notary writes, nobody updates or deletes a checkpoint. Run by the command side's second Flyway, as the
-- notary (com.leaveledger.command.integrity.NotaryDatabase).

-- Every key checkpoints were ever signed with; a retired key's public half stays for as long as its checkpoints.
create table signing_key (
    key_id       text        primary key,
    algorithm    text        not null,
    -- X.509 SubjectPublicKeyInfo, DER; key_id is the hex of the first 16 bytes of its SHA-256
    public_key   bytea       not null,
    activated_at timestamptz not null,
    retired_at   timestamptz
);

create table checkpoint (
    number          bigint      primary key,
    position        bigint      not null,
    event_count     bigint      not null,
    aggregate_count bigint      not null,
    heads_root      bytea       not null,
    previous_hash   bytea       not null,
    created_at      timestamptz not null,
    key_id          text        not null references signing_key,
    signature       bytea       not null
);

-- The heads of the latest checkpoint, one per aggregate: the writer's working set (the next checkpoint updates the
-- aggregates appended to since), and what lets a verification name the aggregate whose head differs. Not evidence:
-- the signed root is, and a verification trusts these rows only when they hash to it. "C": the leaves' order.
create table checkpoint_head (
    aggregate_identifier text collate "C" primary key,
    sequence_number      bigint not null,
    chain_hash           bytea  not null,
    global_index         bigint not null
);

create function refuse_checkpoint_change() returns trigger
    language plpgsql
as $$
begin
    if tg_op = 'UPDATE' and tg_table_name = 'signing_key' and new.key_id = old.key_id
            and new.public_key = old.public_key and new.algorithm = old.algorithm then
        return new;  -- retiring a key
    end if;
    raise exception 'append-only: % refused on %', tg_op, tg_table_name using errcode = 'P0001';
end
$$;

create trigger checkpoint_append_only before update or delete on checkpoint
    for each row execute function refuse_checkpoint_change();
create trigger checkpoint_no_truncate before truncate on checkpoint
    for each statement execute function refuse_checkpoint_change();
create trigger signing_key_append_only before update or delete on signing_key
    for each row execute function refuse_checkpoint_change();
create trigger signing_key_no_truncate before truncate on signing_key
    for each statement execute function refuse_checkpoint_change();

grant usage on schema ${flyway:defaultSchema} to ${serviceRole};
grant select on signing_key, checkpoint, checkpoint_head to ${serviceRole};
