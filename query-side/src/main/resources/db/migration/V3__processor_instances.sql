-- Running instances of the query side, so that they share the projections' segments evenly (SegmentBalancer,
-- docs/adr/0030-scale-out.md). Each instance upserts its row every few seconds and deletes it when it stops;
-- instance_id is the owner name its processors write into token_entry.owner.
create table processor_instance (
    instance_id  varchar(255) not null primary key,
    started_at   timestamptz  not null default now(),
    heartbeat_at timestamptz  not null default now()
);
