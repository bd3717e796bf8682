package com.leaveledger.notification;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The module's explicit beans. Today only the OpenAPI description; the saga, channel handlers,
 * provider clients and security join here as they arrive.
 */
@Configuration(proxyBeanMethods = false)
public class NotificationSagaConfiguration {

    static final String BEARER_JWT = "bearer-jwt";

    /**
     * Describes the API at {@code /v3/api-docs} and declares the bearer-JWT scheme the API is
     * secured with: {@code sub} is the employee id, {@code roles} lists the caller's roles.
     */
    @Bean
    OpenAPI notificationSagaOpenApi(ObjectProvider<BuildProperties> build) {
        BuildProperties info = build.getIfAvailable();
        String version = info == null ? "dev" : info.getVersion();
        return new OpenAPI()
                .info(new Info()
                        .title("Leave Ledger notification saga")
                        .description("Notification delivery status per channel and dead-letter administration.")
                        .version(version))
                .components(new Components().addSecuritySchemes(BEARER_JWT, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER_JWT));
    }
}
