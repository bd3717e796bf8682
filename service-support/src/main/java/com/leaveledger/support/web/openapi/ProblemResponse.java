package com.leaveledger.support.web.openapi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A refusal an operation can answer with besides the ones every operation of its kind gives
 * ({@link ProblemResponses}): its status and the names of the rules it answers that status for (the problem's
 * {@code rule} member). Documented in the operation's OpenAPI responses as {@code application/problem+json}. It may
 * also annotate an annotation, which then stands for its set on each operation it annotates (operations that refuse
 * alike, such as approve and reject).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Repeatable(ProblemResponse.List.class)
public @interface ProblemResponse {

    int status();

    String[] rules();

    /** The container of repeated {@link ProblemResponse}s. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @interface List {
        ProblemResponse[] value();
    }
}
