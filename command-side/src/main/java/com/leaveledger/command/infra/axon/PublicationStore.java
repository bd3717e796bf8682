package com.leaveledger.command.infra.axon;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.eventhandling.TrackingToken;

/** What {@link PublicationMonitor} reads of the event store and of the publisher's stored tokens. */
public interface PublicationStore {

    /** The highest global index in the event store (0 if it is empty). */
    long head();

    /** The publisher's stored token of each segment (a segment without one maps to null). */
    Map<Integer, TrackingToken> storedTokens();

    /**
     * The timestamp of the oldest event that is not published yet: among the first events after {@code position}
     * and the events at the {@code gaps} indices (stored late, after the publisher passed their index).
     */
    Optional<Instant> oldestUnpublished(long position, Collection<Long> gaps);

    /** Global indices in {@code (after, upTo]} without an event, in order; hole ranges longer than {@code maxRange} are left out. */
    List<Long> missing(long after, long upTo, int maxRange);

    /** The events that exist at the given global indices, by index. */
    Map<Long, StoredEvent> existing(Collection<Long> globalIndices);

    /** An event of the store, as much as an operator needs to find it. */
    record StoredEvent(long globalIndex, String eventId, String payloadType, String aggregateId, String timestamp) {
    }
}
