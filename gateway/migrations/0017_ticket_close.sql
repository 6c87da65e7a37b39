-- 问题处理 (issue #19): a ticket is closed by the side that opened it (or a supervisor) with a reason. The reason
-- is a message marked `closes`; the ticket's status/closed_at say it is closed (and it no longer escalates).
ALTER TABLE case_ticket_messages ADD COLUMN closes boolean NOT NULL DEFAULT false;
