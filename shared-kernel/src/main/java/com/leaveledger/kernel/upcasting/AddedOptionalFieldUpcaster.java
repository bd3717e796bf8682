package com.leaveledger.kernel.upcasting;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A revision that added an optional field: a payload of the older revision lacks it, which meant none, so it gets
 * the field as {@code null}.
 */
public abstract class AddedOptionalFieldUpcaster extends JsonRevisionUpcaster {

    private final String field;

    protected AddedOptionalFieldUpcaster(String from, String to, String field, Class<?>... types) {
        super(from, to, types);
        this.field = field;
    }

    @Override
    protected final void upcast(ObjectNode event) {
        if (!event.has(field)) {
            event.putNull(field);
        }
    }
}
