package com.loyalty.chat.chassis.web;

import org.springframework.core.MethodParameter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

import com.loyalty.chat.contracts.api.ChatException;
import com.loyalty.chat.contracts.api.ErrorCode;

/** Fills {@link Caller} parameters from the authenticated token. */
class CallerArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Caller.class;
    }

    @Override
    public Caller resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                  NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        // A path that asks for a caller yet lets anonymous requests through still refuses them like a missing token.
        if (authentication == null || !(authentication.getPrincipal() instanceof Jwt token)) {
            throw new ChatException(ErrorCode.TOKEN_MISSING);
        }
        // Signed by our issuer yet not naming a user: refused like any other unusable token.
        if (!TokenClaims.isUserId(token.getSubject())) {
            throw new ChatException(ErrorCode.TOKEN_INVALID);
        }
        return TokenClaims.caller(token);
    }
}
