-- An account whose password an administrator set (created or reset) must choose its own at the
-- next sign-in; until then only the password change itself is allowed (issue #17).
ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1));
