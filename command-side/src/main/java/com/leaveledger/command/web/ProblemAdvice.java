package com.leaveledger.command.web;

import com.leaveledger.support.web.BaseProblemAdvice;
import com.leaveledger.support.web.Problems;
import org.axonframework.common.lock.LockAcquisitionFailedException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The command side's own refusals as problem+json (a rule's, and every service's, are in BaseProblemAdvice). */
@RestControllerAdvice
public class ProblemAdvice extends BaseProblemAdvice {

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(AggregateNotFoundException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Problems.problem(HttpStatus.NOT_FOUND, "not-found",
                "no aggregate " + e.getAggregateIdentifier()));
    }

    @ExceptionHandler({ConcurrencyException.class, AggregateStreamCreationException.class,
            LockAcquisitionFailedException.class})
    ResponseEntity<ProblemDetail> concurrent(RuntimeException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(Problems.problem(HttpStatus.CONFLICT,
                "concurrent-modification", "the ledger changed concurrently; retry the request"));
    }
}
