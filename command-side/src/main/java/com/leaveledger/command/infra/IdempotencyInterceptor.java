package com.leaveledger.command.infra;

import com.leaveledger.support.rules.RuleViolation;
import com.leaveledger.kernel.MetadataKeys;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Honours the {@code Idempotency-Key} of a command. Runs inside the command's transaction: the key is claimed
 * (a row in {@code command_idempotency}, one insert) before the handler runs, so the key and the events commit or
 * roll back together. A retry with the same key and the same request appends nothing and gets the same answer: a
 * command's answer follows from the command itself (a submitted request's id is derived from the key, see
 * {@code LeaveRequestController}), so no answer is stored. A concurrent retry waits on the key's row until the first
 * attempt ends. A refused command stores nothing, so retrying it is evaluated afresh. The same key with a different
 * request is refused ({@code idempotency-key-reused}). Keys are scoped per actor.
 */
public class IdempotencyInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    /** Command metadata: the client's Idempotency-Key. */
    public static final String KEY = "idempotencyKey";
    /** Command metadata: a digest of the HTTP method, path and body, to detect a key reused for another request. */
    public static final String FINGERPRINT = "requestFingerprint";

    private final JdbcTemplate jdbc;

    public IdempotencyInterceptor(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork,
                         InterceptorChain interceptorChain) throws Exception {
        var metaData = unitOfWork.getMessage().getMetaData();
        Object key = metaData.get(KEY);
        if (key == null) {
            return interceptorChain.proceed();
        }
        String actor = String.valueOf(metaData.getOrDefault(MetadataKeys.ACTOR, ""));
        String fingerprint = String.valueOf(metaData.getOrDefault(FINGERPRINT, ""));
        int claimed = jdbc.update("""
                insert into command_idempotency (actor, idempotency_key, fingerprint, command_type)
                values (?, ?, ?, ?) on conflict do nothing""",
                actor, key.toString(), fingerprint, unitOfWork.getMessage().getCommandName());
        if (claimed == 0) {
            List<Map<String, Object>> rows = jdbc.queryForList(
                    "select fingerprint, result from command_idempotency where actor = ? and idempotency_key = ?",
                    actor, key.toString());
            Map<String, Object> row = rows.get(0);
            if (!fingerprint.equals(row.get("fingerprint"))) {
                throw RuleViolation.unprocessable("idempotency-key-reused",
                        "Idempotency-Key '" + key + "' was already used for a different request");
            }
            // Rows written before answers were derived from the key still carry the answer they got.
            return row.get("result");
        }
        return interceptorChain.proceed();
    }
}
