package com.leaveledger.command.observability;

import com.leaveledger.support.rules.RuleViolation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.Message;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.monitoring.MessageMonitor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts every command the command bus handled, by command type and outcome, and every refusal by the rule it
 * broke — the rule is the {@code rule} member of the problem+json answer. An Axon {@link MessageMonitor} on the
 * command bus: the bus reports the outcome after the unit of work ended, so a command whose events failed to commit
 * is not counted as accepted.
 * <ul>
 *   <li>{@code ledger.commands.handled{command, outcome}}: {@code accepted} (committed), {@code refused} (a
 *       {@link RuleViolation}, or an aggregate that does not exist), {@code conflict} (lost a race with a concurrent
 *       command on an aggregate; the dispatcher retries it, so one HTTP request may count several times),
 *       {@code failed} (anything else: a bug or an outage);</li>
 *   <li>{@code ledger.commands.refused{command, rule, kind}}: the refusals by rule.</li>
 * </ul>
 * Refusals decided before the command bus (bearer token, roles, request validation, the controllers' own checks)
 * are not commands handled; they show in {@code http_server_requests_seconds_count{status=…}}.
 * <p>
 * At DEBUG the logger {@value #COMMANDS_LOGGER} writes one line per command with its outcome (under the request's
 * correlation id, as the bus runs on the HTTP thread): off by default, the hot path stays quiet.
 */
public class CommandOutcomeMonitor implements MessageMonitor<Message<?>> {

    /** The logger of the optional line per command. */
    public static final String COMMANDS_LOGGER = "ledger.commands";
    private static final Logger log = LoggerFactory.getLogger(COMMANDS_LOGGER);

    private final Meter.MeterProvider<Counter> handled;
    private final Meter.MeterProvider<Counter> refused;

    public CommandOutcomeMonitor(MeterRegistry registry) {
        this.handled = Counter.builder("ledger.commands.handled")
                .description("Commands handled by the command bus, by command type and outcome")
                .withRegistry(registry);
        this.refused = Counter.builder("ledger.commands.refused")
                .description("Commands refused by a business rule, by command type and rule")
                .withRegistry(registry);
    }

    @Override
    public MonitorCallback onMessageIngested(Message<?> message) {
        String command = simpleName(message instanceof CommandMessage<?> c ? c.getCommandName()
                : message.getPayloadType().getName());
        return new MonitorCallback() {
            @Override
            public void reportSuccess() {
                count(command, "accepted");
                log.debug("{} accepted", command);
            }

            @Override
            public void reportFailure(Throwable cause) {
                RuleViolation violation = ruleViolation(cause);
                if (violation != null) {
                    log.debug("{} refused: {}", command, violation.rule());
                    count(command, "refused");
                    refused.withTags("command", command, "rule", violation.rule(), "kind", violation.kind().name())
                            .increment();
                } else if (find(cause, AggregateNotFoundException.class) != null) {
                    // answered 404 "not-found" by the problem advice
                    count(command, "refused");
                    refused.withTags("command", command, "rule", "not-found", "kind", "NOT_FOUND").increment();
                } else if (find(cause, ConcurrencyException.class) != null
                        || find(cause, AggregateStreamCreationException.class) != null) {
                    count(command, "conflict");
                } else {
                    log.debug("{} failed: {}", command, cause.toString());
                    count(command, "failed");
                }
            }

            @Override
            public void reportIgnored() {
                count(command, "ignored");
            }
        };
    }

    private void count(String command, String outcome) {
        handled.withTags("command", command, "outcome", outcome).increment();
    }

    private static RuleViolation ruleViolation(Throwable cause) {
        return find(cause, RuleViolation.class);
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable current = failure; current != null; current = current.getCause()) {
            if (type.isInstance(current)) {
                return type.cast(current);
            }
            if (current.getCause() == current) {
                break;
            }
        }
        return null;
    }

    private static String simpleName(String commandName) {
        return commandName.substring(commandName.lastIndexOf('.') + 1);
    }
}
