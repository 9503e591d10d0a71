/**
 * The API description at the door: the services' OpenAPI documents merged into the paths clients call through the
 * gateway ({@code /api/v2/docs}), and Swagger UI on it ({@code /api/v2/docs/ui}).
 */
@NullMarked
package com.loyalty.chat.gateway.apidocs;

import org.jspecify.annotations.NullMarked;
