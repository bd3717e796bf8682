/**
 * Between axon-kafka and the notification saga: how {@code notification-inbox} and {@code employee-directory} read
 * the events topic, with what axon-kafka 4.9 does not give. Each guarantee has a test.
 * <ul>
 *     <li>{@link com.leaveledger.notification.infra.kafka.KafkaConsumptionConfiguration#fromEveryPartitionsStart}: a
 *     tail token that is the start of every partition, so that a first run and a reset ({@code resetTokens()}) read
 *     the topic from its beginning. axon-kafka's {@code StreamableKafkaMessageSource#createTailToken()} answers
 *     {@code null} (its token factories are unimplemented: AxonFramework/extension-kafka#403, open; #30). Exercised
 *     by {@code ReplayIT#replayingTheSagasInputSendsNothingAgain} (the directory reset and caught up again); no test
 *     isolates a first run reading records published before the service started.</li>
 *     <li>The records are handed over in poll order by service-support's {@code ArrivalOrderBuffer}
 *     ({@code com.leaveledger.support.infra}, where the limitation and its test are named).</li>
 * </ul>
 */
package com.leaveledger.notification.infra.kafka;
