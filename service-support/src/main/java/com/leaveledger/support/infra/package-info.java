/**
 * Between the frameworks and the services, in service-support because more than one service needs them. Each stays
 * until its limitation is gone upstream or a measurement says the framework's own way is as good; each guarantee it
 * promises has a test.
 * <ul>
 *     <li>{@link com.leaveledger.support.infra.ArrivalOrderBuffer}: the buffer between a Kafka poll and a streaming
 *     processor, in poll order. axon-kafka's default {@code SortedKafkaMessageBuffer} re-sorts records by timestamp
 *     across partitions while each record's cumulative {@code KafkaTrackingToken} was computed in poll order, so a
 *     record can arrive behind a token that already covers it and is skipped (the saga lost most of a benchmark's
 *     registrations that way, docs/notifications.md). No upstream issue found. Proven by
 *     {@code ArrivalOrderBufferTest#handsRecordsOverInTheOrderTheyWerePut} and
 *     {@code #reportsTheFetchersFailureOnceEmpty}, and end to end by the query side's
 *     {@code ConsumptionIT#appliesEveryEventOnceAcrossStopsDuplicatesAndRedelivery}. Used by the query side and the
 *     notification saga.</li>
 *     <li>{@link com.leaveledger.support.infra.PeriodicTask}: background work on a thread of its own, started and
 *     stopped with its bean's {@code SmartLifecycle}, and a stop that can wait for a run in progress (the checkpoint
 *     writer's). Spring's {@code @Scheduled} runs every task on one shared scheduler (one thread by default) and
 *     cancels a task only through the handle of its registration (spring-projects/spring-framework#18793): a slow
 *     checkpoint would delay every sampler, and a bean could not stop its own schedule. Spring's
 *     {@code ThreadPoolTaskScheduler} could replace the JDK executor inside, for no gain in code. Proven by
 *     {@code PeriodicTaskTest#runsRepeatedlyOnItsNamedThreadUntilStopped}. {@link com.leaveledger.support.infra.PeriodicWork}
 *     is the bean around one (the samplers and publishers): the lifecycle, and a failure logged once, not every
 *     run.</li>
 *     <li>{@link com.leaveledger.support.infra.HeaderCharacters}: Spring Security's {@code StrictHttpFirewall}
 *     character rules for header names, values and parameter names as loops instead of its regular expressions,
 *     which allocate a {@code Matcher} per {@code getHeader} call. Speed (allocation) is the only reason, and the
 *     framework's way is the firewall's defaults: a benchmark ratio in one run (the command benchmark's allocation
 *     per command, with and without these predicates) decides whether it stays. No upstream issue found on the cost
 *     (the predicates are Spring Security's own extension point, spring-projects/spring-security#8644). Same verdicts
 *     as the firewall for every code point: {@code HeaderCharactersTest#agreesWithTheFirewallPatternsOnEveryCodePoint}
 *     and {@code #refusesControlsAndUnassignedButAllowsTabInValuesOnly}.</li>
 * </ul>
 */
package com.leaveledger.support.infra;
