-- Rotation: a rotated token names its successor and keeps working until retires_at (the overlap's end).
ALTER TABLE tokens ADD COLUMN replaced_by VARCHAR(32);
ALTER TABLE tokens ADD COLUMN retires_at BIGINT;
