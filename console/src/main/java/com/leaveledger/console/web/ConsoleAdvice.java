package com.leaveledger.console.web;

import com.leaveledger.console.backend.SessionExpiredException;
import com.leaveledger.console.signin.ConsoleUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page has (the user, the banners), and a service's 401 as the end of the session. */
@ControllerAdvice
public class ConsoleAdvice {

    private final Notices notices;

    public ConsoleAdvice(Notices notices) {
        this.notices = notices;
    }

    @ModelAttribute("notices")
    List<Notices.Notice> notices() {
        return notices.all();
    }

    @ModelAttribute("user")
    ConsoleUser user() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof ConsoleUser user ? user : null;
    }

    @ExceptionHandler(SessionExpiredException.class)
    String sessionExpired(SessionExpiredException e, HttpServletRequest request) {
        endSession(request);
        return "redirect:/signin?expired&service=" + e.service();
    }

    static void endSession(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        SecurityContextHolder.clearContext();
    }
}
