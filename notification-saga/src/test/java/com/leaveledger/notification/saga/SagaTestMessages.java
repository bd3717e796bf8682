package com.leaveledger.notification.saga;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MetaData;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/**
 * What the saga tests give a {@code SagaTestFixture} and expect of it: events under a known id (the deliveries the
 * saga asks for are named by it), and the dispatched commands compared as one-line summaries, so a test reads like
 * the notices it expects and a mismatch prints them the same way.
 */
final class SagaTestMessages {

    private SagaTestMessages() {
    }

    /** An event with message id {@code id}, correlated as the command side's would be, stamped by {@code time}. */
    static EventMessage<?> event(String id, Object payload, Supplier<Instant> time) {
        return new GenericEventMessage<>(new GenericMessage<>(id, payload, MetaData.with("correlationId", "corr-1")),
                time);
    }

    /** Matches the dispatched commands whose summaries, in order, are exactly {@code expected}. */
    static Matcher<List<CommandMessage<?>>> summarisedAs(Function<Object, String> summary, String... expected) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(List<CommandMessage<?>> actual) {
                return summaries(actual).equals(List.of(expected));
            }

            @Override
            public void describeTo(Description description) {
                description.appendValue(List.of(expected));
            }

            @Override
            protected void describeMismatchSafely(List<CommandMessage<?>> actual, Description mismatch) {
                mismatch.appendText("was ").appendValue(summaries(actual));
            }

            private List<String> summaries(List<CommandMessage<?>> commands) {
                return commands.stream().map(c -> summary.apply(c.getPayload())).toList();
            }
        };
    }
}
