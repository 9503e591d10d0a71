package com.loyalty.chat.chassis.openapi;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;

import com.loyalty.chat.chassis.web.Caller;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/**
 * Describes a service's REST API in its own terms: who calls comes from the bearer token (so the {@link Caller}
 * parameter is no request parameter), and every error is the contract's envelope. The gateway merges these documents
 * into the one clients read at {@code /api/v2/docs}.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass(OpenApiCustomizer.class)
public class ChassisOpenApiAutoConfiguration {

    static final String BEARER_SCHEME = "bearerAuth";

    public ChassisOpenApiAutoConfiguration() {
        SpringDocUtils.getConfig()
                .addRequestWrapperToIgnore(Caller.class)
                // The container's own refusals (forwarded to /error) are no endpoint a client calls.
                .addHiddenRestControllers("com.loyalty.chat.chassis.web.ContainerErrors");
    }

    @Bean
    @ConditionalOnMissingBean
    OpenAPI chassisOpenApi(@Value("${spring.application.name:chat-service}") String service) {
        return new OpenAPI()
                .info(new Info().title(service).version("v2").description("""
                        The REST API of %s as it serves it. Clients call it through the gateway, whose \
                        /api/v2/docs merges every service's public paths.""".formatted(service)))
                .components(new Components().addSecuritySchemes(BEARER_SCHEME, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .bearerFormat("JWT")
                        .description("The token from POST /api/v2/auth/login, as Authorization: Bearer <token>.")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER_SCHEME));
    }

    @Bean
    OpenApiCustomizer chassisEnvelopeErrors() {
        return new EnvelopeErrors();
    }
}
