/**
 * Between axon-kafka and the query side: how the projections read the events topic, and the pieces that make up for
 * what axon-kafka 4.9 and Axon 4.13 do not give. Each stays until its limitation is gone upstream; each guarantee it
 * promises has a test.
 * <ul>
 *     <li>{@link com.leaveledger.query.infra.kafka.AllPartitionsMessageSource}: tokens that name every partition.
 *     {@code KafkaTrackingToken} reads a partition it does not name as "nothing read" in {@code covers} but as
 *     "offset 0 read" in {@code lowerBound}, so wherever Axon merges two tokens (one stream for several segments, a
 *     {@code ReplayToken}) a partition's first record is skipped; and axon-kafka's {@code createTailToken()} answers
 *     {@code null} (its token factories are unimplemented: AxonFramework/extension-kafka#403, open; #30). No upstream
 *     issue found for the {@code covers}/{@code lowerBound} disagreement. Proven by
 *     {@code AllPartitionsMessageSourceTest#aPartitionMissingFromATokenMakesTheLowerBoundSkipItsFirstRecord} (the
 *     limitation) and {@code #completeTokensNameEveryPartitionSoTheLowerBoundIsExact} (the guarantee), and end to end
 *     by {@code ReplayIT#everyProjectionRebuiltFromHistoryEqualsTheLiveOneRowForRow}.</li>
 *     <li>{@link com.leaveledger.query.infra.kafka.SharedEventSource}: one Kafka reader for all live projections
 *     (ADR 0034). axon-kafka opens a consumer per processor stream, and every stream converts and deserializes every
 *     record again; Axon shares a window of recent events only in its embedded event store, not for another
 *     {@code StreamableMessageSource}. No upstream issue found. Speed is the reason, and the framework's way is one
 *     switch away ({@code ledger.projections.shared-source=false}): a benchmark ratio, shared against unshared in the
 *     same run ({@code VisibilityBenchmark}), decides whether it stays. Guarantees: a stream gets exactly what its own
 *     reader would have given ({@code SharedEventSourceTest#streamsAtDifferentPositionsGetWhatTheirOwnKafkaReaderWouldHaveGiven}),
 *     falls back to a reader of its own and rejoins
 *     ({@code #aStreamThatFallsBehindTheWindowReadsAloneAndComesBack},
 *     {@code #aStreamOpenedBehindTheWindowReadsAloneFromItsPosition}), and a failing reader fails every member
 *     ({@code #aFailingReaderFailsEveryStreamOfTheWindow}).</li>
 *     <li>{@link com.leaveledger.query.infra.kafka.PublishedEventMessage}: an event that keeps its record's timestamp.
 *     axon-kafka's converter keeps the event's own timestamp only, so the visibility lag could not be split into
 *     "stored → published" and "published → visible". Axon's JDBC dead-letter queue stores it as the tracked domain
 *     event it is and reads it back as Axon's own (the publication time is not kept; docs/adr/0045). No upstream
 *     issue found. {@code DeadLetterIT#anEventTheDatabaseRefusesIsDeadLetteredItsSequenceWaitsAndARetryAppliesItOnceFixed}
 *     proves such an event is dead-lettered and retried; the split of the lag has no test of its own (only the
 *     gauges it feeds, docs/observability.md).</li>
 *     <li>{@link com.leaveledger.query.infra.kafka.KafkaConsumptionConfiguration}: the source itself, with
 *     service-support's {@code ArrivalOrderBuffer} (see {@code com.leaveledger.support.infra}).</li>
 * </ul>
 */
package com.leaveledger.query.infra.kafka;
