-- Erasure (docs/adr/0033, section 5; docs/notifications.md, "Erasure"): an erased employee keeps their directory row,
-- its personal columns overwritten with [erased], so nothing is sent to them again (their deliveries are SKIPPED,
-- not dead-lettered) and a replayed registration cannot write their contact data back.
alter table employee_directory add column erased_at timestamptz;
