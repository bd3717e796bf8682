package com.leaveledger.query.web;

import com.leaveledger.query.replay.ReplayRefusedException;
import com.leaveledger.support.web.BaseProblemAdvice;
import com.leaveledger.support.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The query side's own refusals as problem+json (a rule's, and every service's, are in BaseProblemAdvice). */
@RestControllerAdvice
public class ProblemAdvice extends BaseProblemAdvice {

    @ExceptionHandler(ReplayRefusedException.class)
    ResponseEntity<ProblemDetail> replayRefused(ReplayRefusedException e) {
        HttpStatus status = e.reason() == ReplayRefusedException.Reason.UNKNOWN_PROJECTION
                ? HttpStatus.NOT_FOUND : HttpStatus.CONFLICT;
        String rule = e.reason() == ReplayRefusedException.Reason.UNKNOWN_PROJECTION
                ? "projection-not-found" : "replay-in-progress";
        return ResponseEntity.status(status).body(Problems.problem(status, rule, e.getMessage()));
    }
}
