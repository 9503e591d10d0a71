/**
 * Every servlet service's OpenAPI document (springdoc, at {@code /v3/api-docs}): the bearer scheme, the caller left
 * out of the parameters, and the envelope every error answers with.
 */
@NullMarked
package com.loyalty.chat.chassis.openapi;

import org.jspecify.annotations.NullMarked;
