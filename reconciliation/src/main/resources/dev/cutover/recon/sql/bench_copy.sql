-- The right table of the benchmark: a copy of the left one with the same primary key.
CREATE TABLE ${RIGHT} (LIKE ${LEFT} INCLUDING ALL);
INSERT INTO ${RIGHT} SELECT * FROM ${LEFT};
