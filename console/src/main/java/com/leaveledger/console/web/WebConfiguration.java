package com.leaveledger.console.web;

import com.leaveledger.console.signin.ConsoleUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** A session whose token has expired ends before any page calls a service with it: back to sign-in, with a message. */
@Configuration
public class WebConfiguration implements WebMvcConfigurer {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
                    throws java.io.IOException {
                Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
                if (authentication != null && authentication.getPrincipal() instanceof ConsoleUser user
                        && user.expired(Instant.now())) {
                    ConsoleAdvice.endSession(request);
                    response.sendRedirect(request.getContextPath() + "/signin?expired");
                    return false;
                }
                return true;
            }
        }).excludePathPatterns("/signin", "/css/**", "/webjars/**", "/error");
    }
}
