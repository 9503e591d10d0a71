-- Development accounts (profile dev only): 13612227930 is admin and user at once, as in the seeds; 13612227931 is a
-- second admin (so sessions can be transferred); 13800000001 is a plain user. All log in with the fixed code 123456.
-- Re-running leaves existing rows alone.
INSERT INTO users (user_id, mobile, nickname, avatar, is_admin, created_at, updated_at)
VALUES (31, '13612227930', '管理员用户', NULL, TRUE, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3)),
       (32, '13800000001', '测试用户', NULL, FALSE, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3)),
       (33, '13612227931', '客服小美', NULL, TRUE, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))
ON DUPLICATE KEY UPDATE user_id = user_id;
