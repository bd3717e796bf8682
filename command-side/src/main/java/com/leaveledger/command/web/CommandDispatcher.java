package com.leaveledger.command.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.leaveledger.command.infra.IdempotencyInterceptor;
import com.leaveledger.support.web.CorrelationIdFilter;
import com.leaveledger.support.rules.RuleViolation;
import com.leaveledger.kernel.MetadataKeys;
import com.leaveledger.kernel.privacy.SubjectErasedException;
import org.axonframework.serialization.SerializationException;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.common.lock.LockAcquisitionFailedException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/**
 * Sends a command synchronously with its metadata: actor (JWT subject), correlation id, and the
 * Idempotency-Key with a fingerprint of the request. A command that lost a race on an aggregate (another
 * instance appended first) is retried on fresh state a few times, then answered 409
 * {@code concurrent-modification}.
 */
@Component
public class CommandDispatcher {

    static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
    private static final Pattern ACCEPTED_KEY = Pattern.compile("[\\x21-\\x7e]{1,200}");
    private static final int ATTEMPTS = 3;
    private static final Logger log = LoggerFactory.getLogger(CommandDispatcher.class);

    private final CommandGateway gateway;
    private final ObjectMapper json;

    public CommandDispatcher(CommandGateway gateway, ObjectMapper json) {
        this.gateway = gateway;
        this.json = json;
    }

    /** Sends the command; {@code body} is the request body as received (its canonical JSON is fingerprinted). */
    public <R> R send(Object command, Jwt actor, HttpServletRequest request, Object body) {
        Map<String, Object> meta = new HashMap<>();
        meta.put(MetadataKeys.ACTOR, actor.getSubject());
        Object correlationId = request.getAttribute(CorrelationIdFilter.ATTRIBUTE);
        if (correlationId != null) {
            meta.put(MetadataKeys.CORRELATION_ID, correlationId);
        }
        String key = request.getHeader(IDEMPOTENCY_HEADER);
        if (key != null) {
            if (!ACCEPTED_KEY.matcher(key).matches()) {
                throw RuleViolation.invalid("invalid-idempotency-key",
                        "Idempotency-Key must be 1–200 visible ASCII characters");
            }
            meta.put(IdempotencyInterceptor.KEY, key);
            meta.put(IdempotencyInterceptor.FINGERPRINT,
                    fingerprint(request.getMethod() + " " + request.getRequestURI() + "\n" + canonical(body)));
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                        .withMetaData(MetaData.from(meta)));
            } catch (SubjectErasedException | SerializationException e) {
                // Personal data is encrypted when the events are serialized, at commit: an erased employee's key
                // refuses, and Jackson wraps the refusal.
                throw erased(e);
            } catch (ConcurrencyException | AggregateStreamCreationException | LockAcquisitionFailedException e) {
                // Axon names the failure after the batch's first event: a new request appended together with an
                // account event that lost the race reports "stream creation", so both kinds are retried; so is a
                // deadlock Axon's lock factory broke (a delegation and an approval locking two employees).
                if (attempt == ATTEMPTS) {
                    throw RuleViolation.conflict("concurrent-modification",
                            "the ledger changed concurrently " + ATTEMPTS + " times in a row; retry the request");
                }
                log.debug("concurrent modification on attempt {}, retrying {}", attempt, command.getClass().getSimpleName());
            }
        }
    }

    private static RuntimeException erased(RuntimeException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SubjectErasedException erased) {
                return RuleViolation.conflict("employee-erased", "employee " + erased.subject()
                        + " has been erased: nothing new is recorded for them");
            }
        }
        return failure;
    }

    private String canonical(Object body) {
        try {
            return body == null ? "" : json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String fingerprint(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
