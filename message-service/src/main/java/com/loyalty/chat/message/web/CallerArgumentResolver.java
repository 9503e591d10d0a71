package com.loyalty.chat.message.web;

import com.loyalty.chat.contracts.api.ChatException;
import com.loyalty.chat.contracts.api.ErrorCode;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Fills {@link Caller} parameters from the authenticated JWT. */
class CallerArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Caller.class;
    }

    @Override
    public Caller resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                  NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof Jwt token)) {
            throw new ChatException(ErrorCode.TOKEN_MISSING);
        }
        long userId;
        try {
            userId = Long.parseLong(token.getSubject());
        }
        catch (NumberFormatException e) {
            // Signed by our issuer yet not naming a user: treat it like any other unusable token.
            throw new ChatException(ErrorCode.TOKEN_INVALID);
        }
        return new Caller(userId, token.getClaimAsString("nickname"), token.getClaimAsString("avatar"));
    }
}
