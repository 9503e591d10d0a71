package com.loyalty.chat.realtime.handshake;

import java.io.IOException;
import java.util.Arrays;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

import com.loyalty.chat.contracts.api.ErrorCode;

/**
 * The node's error page, in place of Boot's: whatever Spring MVC or the container refuses (a method an endpoint does
 * not take, an {@code Accept} it cannot serve, a path nothing serves, …) answers in the contract's envelope with its
 * real status. The body is written directly, as JSON whatever the client accepts, so no content negotiation can
 * turn a refusal into a 500.
 */
@Controller
class ErrorEnvelopes implements ErrorController {

    private final EnvelopeErrors errors;

    ErrorEnvelopes(EnvelopeErrors errors) {
        this.errors = errors;
    }

    @RequestMapping("${server.error.path:/error}")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // Asked for directly, outside an error dispatch, the error page is just a path nothing serves.
        int status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code ? code : 404;
        errors.write(response, status, codeFor(status));
    }

    /** The contract's code of that status; other client errors are invalid requests, other server errors bugs. */
    private static ErrorCode codeFor(int status) {
        return Arrays.stream(ErrorCode.values())
                .filter(code -> code != ErrorCode.OK && code.httpStatus() == status)
                .findFirst()
                .orElse(status < 500 ? ErrorCode.INVALID_REQUEST : ErrorCode.INTERNAL);
    }
}
