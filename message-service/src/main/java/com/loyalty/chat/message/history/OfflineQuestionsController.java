package com.loyalty.chat.message.history;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.loyalty.chat.contracts.api.ApiResponse;
import com.loyalty.chat.contracts.api.ChatException;
import com.loyalty.chat.contracts.api.OfflineQuestions;
import com.loyalty.chat.contracts.events.SenderType;

/**
 * A realtime node's offline questions for many connections in one request: in a reconnect storm, one request per
 * connection cost this service more than the answers did. Each question is answered as its client's own
 * {@code GET …/offline-messages} would be, with the client's token ({@link ClientTokens}); one refused question
 * refuses only itself.
 */
@RestController
class OfflineQuestionsController {

    private static final String FETCHED = "离线消息获取成功";

    private final OfflineMessages offline;
    private final ClientTokens tokens;
    private final HistoryProperties properties;

    OfflineQuestionsController(OfflineMessages offline, ClientTokens tokens, HistoryProperties properties) {
        this.offline = offline;
        this.tokens = tokens;
        this.properties = properties;
    }

    /** In the questions' order. */
    record Answers(List<Answer> answers) {
    }

    /** What one client's own call would have answered: its messages, or its refusal's code and text. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Answer(@Nullable List<HistoryPage.Message> messages, @Nullable Boolean hasMore, @Nullable Integer code,
                  @Nullable String msg) {

        static Answer of(OfflineMessages.Answer answer) {
            return new Answer(answer.messages(), answer.hasMore(), null, null);
        }

        static Answer refused(ChatException refusal) {
            return new Answer(null, null, refusal.errorCode().code(), refusal.getMessage());
        }
    }

    @PostMapping(OfflineQuestions.PATH)
    ApiResponse<Answers> answer(@RequestBody OfflineQuestions request) {
        if (request.questions() == null || request.questions().isEmpty()
                || request.questions().size() > properties.maxOfflineQuestions()) {
            throw ChatException.invalid("questions must hold 1 to " + properties.maxOfflineQuestions() + " questions");
        }
        return ApiResponse.ok(FETCHED, new Answers(request.questions().stream()
                .map(question -> answer(question, request.limit()))
                .toList()));
    }

    private Answer answer(OfflineQuestions.@Nullable Question question, int limit) {
        try {
            if (question == null || question.side() == null) {
                throw ChatException.invalid("every question needs a token and a side");
            }
            SenderType side = question.side();
            return Answer.of(offline.missedBy(tokens.callerOn(question.token(), side).as(side), limit));
        } catch (ChatException refusal) {
            return Answer.refused(refusal);
        }
    }
}
