-- Steward schema, version 2, for PostgreSQL: access reviews, and grant usage telemetry.
-- Usage columns are written only by usage recording: in place, forward only, no new version.
ALTER TABLE ${prefix}grants ADD COLUMN last_used_at NUMERIC(30, 0);
ALTER TABLE ${prefix}grants ADD COLUMN use_count BIGINT NOT NULL DEFAULT 0;

-- Review cycles and their items: a document per row, with the columns queries filter on.
CREATE TABLE ${prefix}review_cycles (
    id       VARCHAR(128) COLLATE "C" PRIMARY KEY,
    version  BIGINT       NOT NULL,
    origin   VARCHAR(32)  NOT NULL,
    status   VARCHAR(16)  NOT NULL,
    doc      TEXT         NOT NULL
);
CREATE INDEX ${prefix}review_cycles_status ON ${prefix}review_cycles (status);

CREATE TABLE ${prefix}review_items (
    id           VARCHAR(128) COLLATE "C" PRIMARY KEY,
    version      BIGINT       NOT NULL,
    cycle_id     VARCHAR(128) COLLATE "C" NOT NULL,
    reviewer_id  VARCHAR(128) COLLATE "C",
    status       VARCHAR(16)  NOT NULL,
    doc          TEXT         NOT NULL
);
CREATE INDEX ${prefix}review_items_cycle ON ${prefix}review_items (cycle_id, id);
CREATE INDEX ${prefix}review_items_reviewer ON ${prefix}review_items (reviewer_id);
