-- The right table of the benchmark: a copy of the left one with the same primary key.
CREATE TABLE ${right} (LIKE ${left} INCLUDING ALL);
INSERT INTO ${right} SELECT * FROM ${left};
