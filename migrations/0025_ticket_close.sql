-- 问题处理 (issue #19): the side that opened a ticket closes it with a reason. The reason is a message marked
-- `closes` (pushed like any window message, with `closes: true` in its manifest); the ticket's status/closed_at
-- say it is closed.
ALTER TABLE case_ticket_messages ADD COLUMN closes INTEGER NOT NULL DEFAULT 0 CHECK (closes IN (0, 1));
