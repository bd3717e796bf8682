package com.leaveledger.console.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;

/** Templates' {@code @json.pretty(…)}: an event's payload, indented, for the expanded audit event. */
@Component("json")
public class JsonView {

    private final ObjectMapper json;

    public JsonView(ObjectMapper json) {
        this.json = json;
    }

    public String pretty(Object value) {
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }
}
