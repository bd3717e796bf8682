package com.leaveledger.console.web;

import com.leaveledger.console.backend.Problem;
import com.leaveledger.console.backend.Reply;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.web.context.annotation.RequestScope;

/**
 * The banners of the page being rendered: a service that is down or refused a call is named there, and the rest of
 * the page still renders with what the other services answered.
 */
@Component
@RequestScope
public class Notices {

    /** One banner; {@code kind} is error, warning or info (its CSS class). */
    public record Notice(String kind, String service, String text) {
    }

    private final List<Notice> notices = new ArrayList<>();

    public List<Notice> all() {
        return notices;
    }

    public void info(String text) {
        notices.add(new Notice("info", null, text));
    }

    /** The reply's body, or {@code otherwise} with a banner saying what went wrong and where. */
    public <T> T take(Reply<T> reply, T otherwise, String what) {
        if (reply.ok()) {
            return reply.body() == null ? otherwise : reply.body();
        }
        add(reply.problem(), what);
        return otherwise;
    }

    public void add(Problem problem, String what) {
        if (problem.isDown()) {
            notices.add(new Notice("error", problem.service(), problem.service() + " is not answering, so "
                    + what + " cannot be shown right now. The rest of the page works."));
        } else if (problem.isForbidden()) {
            notices.add(new Notice("warning", problem.service(), problem.service() + " does not let you see "
                    + what + ": " + problem.detail()));
        } else {
            notices.add(new Notice("warning", problem.service(), problem.service() + " refused " + what + ": "
                    + problem.detail()));
        }
    }
}
