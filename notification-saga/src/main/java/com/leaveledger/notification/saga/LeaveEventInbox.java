package com.leaveledger.notification.saga;

import com.leaveledger.kernel.leaverequest.LeaveRequestEvent;
import com.leaveledger.support.persistence.StorableText;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.tracing.NoOpSpanFactory;
import org.axonframework.tracing.SpanFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The saga's inbox. Reads leave-request events from Kafka and appends each, unchanged (same id, payload,
 * timestamp and metadata), to this service's event store, from which the saga reads them together with the
 * delivery failures it compensates: one ordered stream, one tracking token. The {@code inbox} table (event id as
 * key) drops a redelivered event — Kafka delivers at least once — in the same transaction as the append and the
 * Kafka position. A processor batch is deduplicated with one statement just before it commits, and only the new
 * events are appended. Replays are refused: a reset of this processor is not allowed. Ids are written as
 * {@link StorableText}; the event itself is appended unchanged (its JSON holds a NUL as <code>&#92;u0000</code>).
 */
@ProcessingGroup(LeaveEventInbox.PROCESSING_GROUP)
@DisallowReplay
public class LeaveEventInbox {

    public static final String PROCESSING_GROUP = "notification-inbox";
    private static final String PENDING = LeaveEventInbox.class.getName() + ".pending";

    private final JdbcTemplate jdbc;
    private final EventBus eventBus;
    private final SpanFactory spanFactory;

    public LeaveEventInbox(JdbcTemplate jdbc, EventBus eventBus) {
        this(jdbc, eventBus, NoOpSpanFactory.INSTANCE);
    }

    /**
     * @param spanFactory Axon's span factory: each event is appended in a span of its own trace, so the event bus,
     *                    which writes the current trace context into what it publishes, keeps the event's trace
     *                    (the appends run when the batch commits, outside the span of the event's handling)
     */
    public LeaveEventInbox(JdbcTemplate jdbc, EventBus eventBus, SpanFactory spanFactory) {
        this.spanFactory = spanFactory;
        this.jdbc = jdbc;
        this.eventBus = eventBus;
    }

    @EventHandler
    public void on(LeaveRequestEvent event, EventMessage<?> message) {
        EventMessage<?> copy = new GenericEventMessage<>(
                new GenericMessage<>(message.getIdentifier(), event, message.getMetaData()), message::getTimestamp);
        if (!CurrentUnitOfWork.isStarted()) {
            forward(List.of(copy));
            return;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        root.<List<EventMessage<?>>>getOrComputeResource(PENDING, key -> {
            root.onPrepareCommit(u -> {
                List<EventMessage<?>> pending = root.getResource(PENDING);
                forward(new ArrayList<>(pending));
                pending.clear();
            });
            return new ArrayList<>();
        }).add(copy);
    }

    /** Appends the events not seen before, in their order; the rest are redeliveries. */
    private void forward(List<EventMessage<?>> events) {
        if (events.isEmpty()) {
            return;
        }
        String[] ids = events.stream().map(e -> StorableText.of(e.getIdentifier())).toArray(String[]::new);
        String[] types = events.stream().map(e -> e.getPayloadType().getSimpleName()).toArray(String[]::new);
        String[] requests = events.stream().map(e -> StorableText.of(((LeaveRequestEvent) e.getPayload())
                .leaveRequestId().value())).toArray(String[]::new);
        Set<String> fresh = new HashSet<>(jdbc.queryForList("insert into inbox (event_id, payload_type, "
                + "leave_request_id, received_at) select u.id, u.type, u.request, now() from unnest(cast(? as text[]), "
                + "cast(? as text[]), cast(? as text[])) as u(id, type, request) on conflict (event_id) do nothing "
                + "returning event_id", String.class, ids, types, requests));
        List<EventMessage<?>> forwarded = new ArrayList<>();
        for (EventMessage<?> event : events) {
            if (fresh.remove(StorableText.of(event.getIdentifier()))) {
                forwarded.add(event);
            }
        }
        for (EventMessage<?> event : forwarded) {
            spanFactory.createChildHandlerSpan(() -> "LeaveEventInbox.append", event)
                    .run(() -> eventBus.publish(event));
        }
    }
}
