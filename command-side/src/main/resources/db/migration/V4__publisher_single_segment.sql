-- The Kafka publisher runs as one tracking segment (docs/adr/0005, addendum): a tracking processor's thread claims
-- one segment each, so the eight segment tokens of the former pooled publisher become one. The merged token is
-- their lower bound, as Axon's GapAwareTrackingToken.lowerBound computes it: the lowest index, and every gap of
-- any segment below it. Nothing unpublished is skipped; events between that bound and a segment's own position are
-- published again (at least once, as always: consumers deduplicate by event id).
-- Stop every command-side instance before this migration runs (no rolling upgrade across it).
do $$
declare
    publisher constant text := '__axon-kafka-event-publishing-group';
    merged_index bigint;
    merged_gaps jsonb;
begin
    if (select count(*) from token_entry where processor_name = publisher) <= 1 then
        return;
    end if;
    if exists (select 1 from token_entry
               where processor_name = publisher and token is not null
                 and token_type <> 'org.axonframework.eventhandling.GapAwareTrackingToken') then
        raise exception 'the Kafka publisher holds a token other than a GapAwareTrackingToken (a republication in '
            'progress?): let it finish before upgrading (docs/runbooks/republishing-events.md)';
    end if;

    if exists (select 1 from token_entry where processor_name = publisher and token is null) then
        -- a segment that never stored a position starts from the beginning, and so does the merged one
        update token_entry set token = null, token_type = null, owner = null
         where processor_name = publisher and segment = (select min(segment) from token_entry
                                                          where processor_name = publisher);
    else
        select min((convert_from(token, 'UTF8')::jsonb ->> 'index')::bigint) into merged_index
          from token_entry where processor_name = publisher;
        select coalesce(jsonb_agg(gap order by gap), '[]'::jsonb) into merged_gaps
          from (select distinct gap::bigint as gap
                  from token_entry,
                       jsonb_array_elements_text(convert_from(token, 'UTF8')::jsonb -> 'gaps') as gaps(gap)
                 where processor_name = publisher) every_gap
         where gap < merged_index;
        update token_entry
           set token = convert_to(jsonb_build_object('index', merged_index, 'gaps', merged_gaps)::text, 'UTF8'),
               owner = null
         where processor_name = publisher and segment = (select min(segment) from token_entry
                                                          where processor_name = publisher);
    end if;
    delete from token_entry
     where processor_name = publisher and segment <> (select min(segment) from token_entry
                                                       where processor_name = publisher);
    update token_entry set segment = 0 where processor_name = publisher;
end
$$;
