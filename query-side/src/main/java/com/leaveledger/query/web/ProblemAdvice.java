package com.leaveledger.query.web;

import com.leaveledger.query.replay.ReplayRefusedException;
import com.leaveledger.support.web.BaseProblemAdvice;
import com.leaveledger.support.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Refused queries as problem+json naming the rule. */
@RestControllerAdvice
public class ProblemAdvice extends BaseProblemAdvice {

    @ExceptionHandler(QueryRefusedException.class)
    ResponseEntity<ProblemDetail> refused(QueryRefusedException e) {
        return ResponseEntity.status(e.status()).body(Problems.problem(e.status(), e.rule(), e.getMessage()));
    }

    @ExceptionHandler(ReplayRefusedException.class)
    ResponseEntity<ProblemDetail> replayRefused(ReplayRefusedException e) {
        HttpStatus status = e.reason() == ReplayRefusedException.Reason.UNKNOWN_PROJECTION
                ? HttpStatus.NOT_FOUND : HttpStatus.CONFLICT;
        String rule = e.reason() == ReplayRefusedException.Reason.UNKNOWN_PROJECTION
                ? "projection-not-found" : "replay-in-progress";
        return ResponseEntity.status(status).body(Problems.problem(status, rule, e.getMessage()));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(
            MissingServletRequestParameterException e, org.springframework.http.HttpHeaders headers,
            org.springframework.http.HttpStatusCode status, org.springframework.web.context.request.WebRequest request) {
        return ResponseEntity.badRequest().body(Problems.problem(HttpStatus.BAD_REQUEST, "invalid-request",
                "the query parameter '" + e.getParameterName() + "' is required"));
    }
}
