-- Steward schema, version 1, for PostgreSQL 13 or later.
-- ${prefix} is the table prefix: a Flyway placeholder, which JdbcSchema.script fills in for other tools.
-- Ids use the "C" collation so that they sort in binary order, as Steward's cursors require.
-- Instants are NUMERIC epoch nanoseconds: exact, and ordered like the instants they encode.
-- References between entities are ids only, checked by Steward's core, so there are no foreign keys.

CREATE TABLE ${prefix}identities (
    id           VARCHAR(128) COLLATE "C" PRIMARY KEY,
    version      BIGINT       NOT NULL,
    kind         VARCHAR(16)  NOT NULL,
    status       VARCHAR(32)  NOT NULL,
    owner_id     VARCHAR(128) COLLATE "C",
    environment  TEXT         NOT NULL,
    orphaned     BOOLEAN      NOT NULL,
    expires_at   NUMERIC(30, 0),
    doc          TEXT         NOT NULL
);
CREATE INDEX ${prefix}identities_owner ON ${prefix}identities (owner_id);
CREATE INDEX ${prefix}identities_status ON ${prefix}identities (status);

CREATE TABLE ${prefix}grants (
    id            VARCHAR(128) COLLATE "C" PRIMARY KEY,
    version       BIGINT       NOT NULL,
    grantee_id    VARCHAR(128) COLLATE "C" NOT NULL,
    status        VARCHAR(32)  NOT NULL,
    delegated_by  VARCHAR(128) COLLATE "C",
    doc           TEXT         NOT NULL
);
CREATE INDEX ${prefix}grants_grantee ON ${prefix}grants (grantee_id);
CREATE INDEX ${prefix}grants_status ON ${prefix}grants (status);
CREATE INDEX ${prefix}grants_delegated ON ${prefix}grants (delegated_by);

-- A credential has at most one successor: concurrent rotations of one credential cannot both
-- succeed, whatever the code above does (the unique predecessor_id).
CREATE TABLE ${prefix}credentials (
    id              VARCHAR(128) COLLATE "C" PRIMARY KEY,
    version         BIGINT       NOT NULL,
    identity_id     VARCHAR(128) COLLATE "C" NOT NULL,
    type            VARCHAR(32)  NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    issued_at       NUMERIC(30, 0) NOT NULL,
    last_used_at    NUMERIC(30, 0),
    use_count       BIGINT       NOT NULL,
    predecessor_id  VARCHAR(128) COLLATE "C",
    doc             TEXT         NOT NULL,
    CONSTRAINT ${prefix}credentials_one_successor UNIQUE (predecessor_id)
);
CREATE INDEX ${prefix}credentials_identity ON ${prefix}credentials (identity_id);
CREATE INDEX ${prefix}credentials_status ON ${prefix}credentials (status);

CREATE TABLE ${prefix}changes (
    sequence   BIGINT       PRIMARY KEY,
    kind       VARCHAR(16)  NOT NULL,
    entity_id  VARCHAR(128) COLLATE "C" NOT NULL,
    version    BIGINT       NOT NULL
);

CREATE TABLE ${prefix}audit_events (
    sequence  BIGINT      PRIMARY KEY,
    event_id  VARCHAR(64) NOT NULL,
    hash      CHAR(64)    NOT NULL,
    doc       TEXT        NOT NULL
);

CREATE TABLE ${prefix}audit_checkpoints (
    position  BIGINT PRIMARY KEY,
    sequence  BIGINT NOT NULL,
    doc       TEXT   NOT NULL
);

-- The one row every unit of work that appends audit events or changes locks (SELECT ... FOR
-- UPDATE) until it commits: it serializes appends, so the chain stays linear and change sequences
-- follow commit order, across every instance on this database.
CREATE TABLE ${prefix}head (
    id             INTEGER  PRIMARY KEY,
    next_sequence  BIGINT   NOT NULL,
    last_hash      CHAR(64) NOT NULL,
    last_change    BIGINT   NOT NULL,
    checkpoints    BIGINT   NOT NULL
);
INSERT INTO ${prefix}head (id, next_sequence, last_hash, last_change, checkpoints)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000', 0, 0);

CREATE TABLE ${prefix}secrets (
    ref     VARCHAR(512) COLLATE "C" PRIMARY KEY,
    latest  BIGINT       NOT NULL
);

CREATE TABLE ${prefix}secret_versions (
    ref         VARCHAR(512) COLLATE "C" NOT NULL,
    version     BIGINT         NOT NULL,
    created_at  NUMERIC(30, 0) NOT NULL,
    deleted_at  NUMERIC(30, 0),
    material    BYTEA,
    PRIMARY KEY (ref, version)
);
