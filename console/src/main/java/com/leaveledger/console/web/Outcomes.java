package com.leaveledger.console.web;

import com.leaveledger.console.backend.Reply;
import java.util.HashMap;
import java.util.Map;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A command's outcome as the message on the page it redirects to (POST, redirect, GET). */
public final class Outcomes {

    private Outcomes() {
    }

    /**
     * Redirects to {@code page} with {@code success}, or with {@code refusal} followed by the service's detail and
     * name.
     */
    public static String redirect(Reply<?> reply, String success, String refusal, String page,
                                  RedirectAttributes redirect) {
        redirect.addFlashAttribute(reply.ok() ? "done" : "failed", reply.ok() ? success
                : refusal + ": " + reply.problem().detail() + " (" + reply.problem().service() + ")");
        return "redirect:" + page;
    }

    /** A command body with one optional text member ({@code comment}, {@code reason}): null when left empty. */
    public static Map<String, Object> note(String member, String text) {
        Map<String, Object> body = new HashMap<>();
        body.put(member, text == null || text.isBlank() ? null : text);
        return body;
    }
}
