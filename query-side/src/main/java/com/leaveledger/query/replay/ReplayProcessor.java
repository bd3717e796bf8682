package com.leaveledger.query.replay;

import org.axonframework.eventhandling.StreamingEventProcessor;

/** A running rebuild. */
public final class ReplayProcessor {

    private final StreamingEventProcessor processor;

    ReplayProcessor(StreamingEventProcessor processor) {
        this.processor = processor;
    }

    public StreamingEventProcessor processor() {
        return processor;
    }

    void start() {
        processor.start();
    }

    /** Stops the rebuild where it is; its tokens stay, so a later start resumes from there. */
    void stop() {
        processor.shutDown();
    }
}
