package com.loyalty.chat.chassis.openapi;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.springdoc.core.customizers.OpenApiCustomizer;

import com.loyalty.chat.contracts.api.ErrorCode;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;

/**
 * Adds the error envelope ({@code data: null}, {@code code} from the contract's table) as the answer of every
 * operation for any 4xx and 5xx, since the controllers' return types show only the success.
 */
final class EnvelopeErrors implements OpenApiCustomizer {

    static final String SCHEMA = "ErrorEnvelope";
    static final String CLIENT_ERROR = "4XX";
    static final String SERVER_ERROR = "5XX";

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getComponents() == null) {
            openApi.setComponents(new Components());
        }
        openApi.getComponents().addSchemas(SCHEMA, envelope());
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
            operation.getResponses().putIfAbsent(CLIENT_ERROR, answer(
                    "Refused: the envelope with the error's code (4000 invalid, 4001/4002 token, 4003 not allowed, "
                            + "4004 not found, 4009 conflict, 4013 too large, 4029 rate limited)"));
            operation.getResponses().putIfAbsent(SERVER_ERROR, answer(
                    "Failed: the envelope with 5000 (internal) or 5003 (a dependency is unavailable; retry)"));
        }));
    }

    private static ApiResponse answer(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType(
                org.springframework.http.MediaType.APPLICATION_JSON_VALUE,
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + SCHEMA))));
    }

    private static Schema<?> envelope() {
        List<ErrorCode> errors = Arrays.stream(ErrorCode.values()).filter(code -> code != ErrorCode.OK).toList();
        IntegerSchema code = new IntegerSchema();
        code.setEnum(errors.stream().map(error -> (Number) error.code()).toList());
        code.description(errors.stream().map(error -> error.code() + " (HTTP " + error.httpStatus() + "): "
                + error.defaultMessage()).collect(Collectors.joining("; ")));
        return new ObjectSchema()
                .description("Every error answer, from a service or from the gateway: success is false, data null.")
                .addProperty("success", new BooleanSchema()._enum(List.of(false)))
                .addProperty("code", code)
                .addProperty("msg", new StringSchema().description("A human message; a validation error names the field."))
                .addProperty("data", new Schema<>().description("Always null on an error."))
                .addProperty("timestamp", new StringSchema().format("date-time")
                        .description("ISO-8601 UTC with milliseconds, e.g. 2025-08-12T18:13:49.572Z"))
                .required(List.of("success", "code", "msg", "data", "timestamp"));
    }
}
