package com.loyalty.chat.chassis.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.loyalty.chat.contracts.api.ApiResponse;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

/**
 * What the servlet container answers itself, outside the controllers (a request the firewall rejects, an exception in
 * a filter), forwarded here as {@code /error}: the same envelope as every other error, instead of Boot's own body.
 * A service's security configuration must let {@code /error} through for this to be reached.
 */
@RestController
class ContainerErrors implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ContainerErrors.class);

    @RequestMapping("/error")
    ResponseEntity<ApiResponse<Void>> error(HttpServletRequest request) {
        HttpStatusCode status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code
                ? HttpStatusCode.valueOf(code) : HttpStatus.NOT_FOUND;
        if (status.is4xxClientError()) {
            return CommonErrors.refused(status, HttpHeaders.EMPTY, "");
        }
        if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure) {
            log.error("Unexpected failure outside the controllers", failure);
        }
        return CommonErrors.internal();
    }
}
