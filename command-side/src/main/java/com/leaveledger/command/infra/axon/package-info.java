/**
 * Between Axon and the command side: what Axon 4.13 does not give for the event store and its publisher. Each stays
 * until its limitation is gone upstream or a measurement says Axon's own way is as good; each guarantee it promises
 * has a test.
 * <ul>
 *     <li>{@link com.leaveledger.command.infra.axon.CommitWakingEventStore}: the event store without Axon's cache of
 *     recent events, its streams woken at most once per {@code ledger.event-store.wake-up-window} after commits
 *     (ADR 0014). The {@code EmbeddedEventStore}'s cache is a linked list that G1 keeps alive from node to node
 *     (AxonFramework/AxonFramework#2954; Axon Framework 5 drops it, #3135), and it reads the store once per commit.
 *     Axon's own switch, {@code EmbeddedEventStore.Builder#optimizeEventConsumption(false)}, drops the cache (each
 *     stream then reads the store itself); what remains is speed, so a benchmark ratio in one run (the command
 *     benchmark's CPU per command and commit → Kafka lag, this store against Axon's with the switch off) decides
 *     whether it stays. Proven by {@code CommitWakingEventStoreTest#oneReadTakesTheCommitsOfAWindowAndTheReaderSeesEveryEventInOrder},
 *     {@code #aZeroWindowWakesTheStreamAfterEveryCommit}, {@code #aStreamOpenedAtATokenContinuesAfterIt},
 *     {@code #aReaderWithAShortWaitStillSeesEveryEventOnce} and
 *     {@code #aStreamWaitingLongStillReadsEventsThatNoCommitHereAnnounced}; the publisher's crash and restart on it by
 *     {@code KafkaPublicationIT#eventsStoredWhileThePublisherIsStoppedArePublishedWhenItRestarts}.</li>
 *     <li>{@link com.leaveledger.command.infra.axon.PublicationMonitor} with its
 *     {@link com.leaveledger.command.infra.axon.PublicationStore}: the publisher's lag, and the events it skipped for
 *     good. A gap-aware token drops a gap after its time-out, so an event committed later into it is never read: the
 *     maintainers will not fix it (AxonFramework/AxonFramework#4829, closed as won't fix), and Axon reports no such
 *     miss. Proven by {@code PublicationMonitorTest#anEventCommittedIntoAGapTheTokenGaveUpIsCountedAsMissed},
 *     {@code #anEventCommittedLateIntoAGapTheTokenStillWaitsForIsUnpublishedButNotMissed},
 *     {@code #anIndexPassedWithoutAGapIsWatchedUntilTheWatchEnds}, {@code #aPublisherResetToRepublishIsNotAMiss} and
 *     {@code #theLagIsTheHeadMinusTheSlowestSegmentAndTheAgeThatOfTheOldestUnpublishedEvent}.</li>
 * </ul>
 */
package com.leaveledger.command.infra.axon;
