-- Read state and offline messages look for one side's messages of a session in one status ("the admin's messages
-- the user has not received", "the user's messages the admin has not read"), in sequence order. The primary key
-- rides along in every secondary index, so collecting the ids to mark read never touches the rows.
ALTER TABLE chat_messages
    ADD INDEX idx_chat_messages_session_side_status (session_id, sender_type, status, sequence);

-- Offline messages start from the recipient's sessions: all of a user's, and the open ones an admin holds.
ALTER TABLE session_view
    ADD INDEX idx_session_view_user (user_id),
    ADD INDEX idx_session_view_admin_status (admin_id, status);
