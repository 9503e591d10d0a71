package com.loyalty.chat.message.history;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

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
 * refuses only itself. The database is asked once per side for all the request's clients.
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
        List<Asked> asked = request.questions().stream().map(this::asked).toList();
        Map<SenderType, Set<Long>> recipients = asked.stream()
                .filter(question -> question.refusal() == null)
                .collect(Collectors.groupingBy(Asked::side, () -> new EnumMap<>(SenderType.class),
                        Collectors.mapping(Asked::userId, Collectors.toSet())));
        Map<SenderType, Map<Long, OfflineMessages.Answer>> missed = new EnumMap<>(SenderType.class);
        recipients.forEach((side, ids) -> missed.put(side, offline.missedBy(side, ids, request.limit())));
        return ApiResponse.ok(FETCHED, new Answers(asked.stream()
                .map(question -> question.refusal() != null ? Answer.refused(question.refusal())
                        : Answer.of(missed.get(question.side()).get(question.userId())))
                .toList()));
    }

    /** A question's client on its side, or why the client's own call would have been refused. */
    private record Asked(@Nullable SenderType side, long userId, @Nullable ChatException refusal) {
    }

    private Asked asked(OfflineQuestions.@Nullable Question question) {
        try {
            if (question == null || question.side() == null) {
                throw ChatException.invalid("every question needs a token and a side");
            }
            return new Asked(question.side(), tokens.callerOn(question.token(), question.side()).userId(), null);
        } catch (ChatException refusal) {
            return new Asked(null, 0, refusal);
        }
    }
}
