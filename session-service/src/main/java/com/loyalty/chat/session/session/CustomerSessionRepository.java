package com.loyalty.chat.session.session;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

import com.loyalty.chat.contracts.events.SessionStatus;

interface CustomerSessionRepository
        extends JpaRepository<CustomerSession, String>, JpaSpecificationExecutor<CustomerSession> {

    default Optional<CustomerSession> findOpenByUserId(long userId) {
        return findByUserIdAndStatusNot(userId, SessionStatus.CLOSED);
    }

    Optional<CustomerSession> findByUserIdAndStatusNot(long userId, SessionStatus status);

    List<CustomerSession> findByUserIdOrderByCreatedAtDescSessionIdDesc(long userId);
}
