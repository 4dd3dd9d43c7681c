-- API tokens. The token itself is never stored: only the SHA-256 of its secret part.
-- Times are epoch milliseconds (portable between H2 and PostgreSQL, no time zone surprises).
CREATE TABLE tokens (
    id          VARCHAR(32)   NOT NULL PRIMARY KEY,
    secret_hash VARCHAR(64)   NOT NULL,
    user_name   VARCHAR(200)  NOT NULL,
    plan        VARCHAR(100)  NOT NULL,
    scopes      VARCHAR(4000) NOT NULL,
    created_at  BIGINT        NOT NULL,
    expires_at  BIGINT,
    revoked_at  BIGINT
);

CREATE INDEX tokens_user ON tokens (user_name);
