package com.leaveledger.notification.web;

import com.leaveledger.notification.deadletter.DeadLetterClosedException;
import com.leaveledger.notification.deadletter.DeadLetterNotFoundException;
import com.leaveledger.support.web.BaseProblemAdvice;
import com.leaveledger.support.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Refusals of the notification API as problem+json naming the rule. */
@RestControllerAdvice
public class ProblemAdvice extends BaseProblemAdvice {

    @ExceptionHandler(DeadLetterNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(DeadLetterNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "not-found", e.getMessage());
    }

    @ExceptionHandler(DeadLetterClosedException.class)
    ResponseEntity<ProblemDetail> closed(DeadLetterClosedException e) {
        return problem(HttpStatus.CONFLICT, "dead-letter-closed", e.getMessage());
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String rule, String detail) {
        return ResponseEntity.status(status).body(Problems.problem(status, rule, detail));
    }
}
