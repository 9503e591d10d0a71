package com.loyalty.chat.chassis.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import com.loyalty.chat.contracts.api.ApiResponse;
import com.loyalty.chat.contracts.api.ChatException;
import com.loyalty.chat.contracts.api.ErrorCode;

/** The failures every servlet service answers alike, each in the envelope with its real status. */
class CommonErrorsTest {

    @RestController
    static class Probe {

        @GetMapping("/chat")
        ApiResponse<Void> chat() {
            throw ChatException.notFound("资源不存在");
        }

        @GetMapping("/count")
        ApiResponse<Integer> count(@RequestParam int n) {
            return ApiResponse.ok("ok", n);
        }

        record Body(int n) {
        }

        @PostMapping("/body")
        ApiResponse<Integer> body(@RequestBody Body body) {
            return ApiResponse.ok("ok", body.n());
        }

        @PostMapping("/large")
        ApiResponse<Void> large() {
            throw new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE);
        }

        @GetMapping("/bug")
        ApiResponse<Void> bug() {
            throw new IllegalStateException("a bug");
        }
    }

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Probe())
            .setControllerAdvice(new CommonErrors())
            .build();

    @Test
    void aChatExceptionAnswersItsOwnCodeAndText() throws Exception {
        envelope(mvc.perform(get("/chat")), 404, ErrorCode.NOT_FOUND).andExpect(jsonPath("$.msg").value("资源不存在"));
    }

    @Test
    void aMissingOrMistypedParameterIsNamed() throws Exception {
        envelope(mvc.perform(get("/count")), 400, ErrorCode.INVALID_REQUEST)
                .andExpect(jsonPath("$.msg").value("n: 必须填写"));
        envelope(mvc.perform(get("/count").param("n", "x")), 400, ErrorCode.INVALID_REQUEST)
                .andExpect(jsonPath("$.msg").value("n: 参数格式无效"));
    }

    @Test
    void anUnreadableBodyOrAMistypedFieldIs4000() throws Exception {
        envelope(mvc.perform(post("/body").contentType(MediaType.APPLICATION_JSON).content("{")), 400,
                ErrorCode.INVALID_REQUEST).andExpect(jsonPath("$.msg").value("请求体不是有效的JSON"));
        envelope(mvc.perform(post("/body").contentType(MediaType.APPLICATION_JSON).content("{\"n\":\"x\"}")), 400,
                ErrorCode.INVALID_REQUEST).andExpect(jsonPath("$.msg").value("n: 参数格式无效"));
    }

    @Test
    void springMvcRefusalsKeepTheirStatusAndHeaders() throws Exception {
        envelope(mvc.perform(delete("/count")), 405, ErrorCode.INVALID_REQUEST)
                .andExpect(header().string("Allow", "GET"));
        envelope(mvc.perform(get("/count").param("n", "1").accept(MediaType.APPLICATION_XML)), 406,
                ErrorCode.INVALID_REQUEST);
        envelope(mvc.perform(post("/body").contentType(MediaType.TEXT_PLAIN).content("n")), 415,
                ErrorCode.INVALID_REQUEST);
    }

    @Test
    void aBodyTooLargeIs4013WithIts413() throws Exception {
        envelope(mvc.perform(post("/large")), 413, ErrorCode.CONTENT_TOO_LARGE)
                .andExpect(jsonPath("$.msg").value("请求体过大"));
    }

    @Test
    void anythingElseIs5000WithoutItsText() throws Exception {
        envelope(mvc.perform(get("/bug")), 500, ErrorCode.INTERNAL)
                .andExpect(jsonPath("$.msg").value(ErrorCode.INTERNAL.defaultMessage()));
    }

    private static ResultActions envelope(ResultActions answer, int status, ErrorCode code) throws Exception {
        return answer.andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.success").value(false))
                .andExpect(jsonPath("$.code").value(code.code()))
                .andExpect(jsonPath("$.data").doesNotExist());
    }
}
