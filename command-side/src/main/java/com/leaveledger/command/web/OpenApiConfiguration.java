package com.leaveledger.command.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    @Bean
    OpenAPI commandApi() {
        return new OpenAPI()
                .info(new Info().title("Leave Ledger command API").version("v1")
                        .description("Commands answer 202 with the aggregate id; refusals are RFC 9457 problem+json "
                                + "naming the broken rule. Send Idempotency-Key to make a retry safe."))
                .components(new Components().addSecuritySchemes("bearer",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")));
    }
}
