package com.leaveledger.console.web;

import com.leaveledger.console.backend.Problem;
import java.util.HashMap;
import java.util.Map;

/**
 * A form's refusal as the page shows it: each field's error next to the field — the problem's own
 * {@code errors[]}, and its rule in plain words when the form knows the rule — or, for a rule the form does not
 * know and no field named, {@code formError} above the form with the service's {@code detail}.
 */
public record Refusal(Map<String, String> fieldErrors, String formError) {

    /** The field a rule is about and what it means for the person filling in the form. */
    public record Explanation(String field, String words) {
    }

    public static Refusal of(Problem problem, Map<String, Explanation> rules) {
        Map<String, String> fieldErrors = new HashMap<>();
        problem.errors().forEach(e -> fieldErrors.putIfAbsent(e.field(), e.message()));
        Explanation explanation = rules.get(problem.rule());
        if (explanation != null) {
            fieldErrors.put(explanation.field(), explanation.words() + " (" + problem.detail() + ")");
        }
        return new Refusal(fieldErrors, fieldErrors.isEmpty() ? problem.detail() : null);
    }
}
