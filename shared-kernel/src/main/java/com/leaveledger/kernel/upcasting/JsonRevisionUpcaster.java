package com.leaveledger.kernel.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Revision {@code from} → {@code to} of one or more event types, by changing their JSON payload in place: what each
 * of the shared kernel's upcasters does, the change itself being {@link #upcast(ObjectNode)}. Register them in
 * service-support's {@code LedgerUpcastersAutoConfiguration} (every service that reads events).
 */
public abstract class JsonRevisionUpcaster extends SingleEventUpcaster {

    private final String from;
    private final String to;
    private final Set<String> types;

    protected JsonRevisionUpcaster(String from, String to, Class<?>... types) {
        this.from = from;
        this.to = to;
        this.types = Arrays.stream(types).map(Class::getTypeName).collect(Collectors.toUnmodifiableSet());
    }

    /** Turns a revision {@code from} payload into a revision {@code to} one. */
    protected abstract void upcast(ObjectNode event);

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return types.contains(representation.getType().getName()) && from.equals(representation.getType().getRevision());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(new SimpleSerializedType(representation.getType().getName(), to),
                JsonNode.class, payload -> {
                    upcast((ObjectNode) payload);
                    return payload;
                });
    }
}
