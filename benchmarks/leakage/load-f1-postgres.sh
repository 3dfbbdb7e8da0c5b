#!/usr/bin/env bash
# Loads the raw Ergast Formula 1 files (../shared/data/f1, or $RELGRAPH_DATA_HOME/f1) into a PostgreSQL database
# with real primary and foreign keys, as a user's own F1 database would be: issue #18's check of time inherited from
# a parent. Only `races` has a time, a timestamp `date` = the race's date + start time (midnight when the start time
# is missing), as RelBench's rel-f1 times it. results, qualifying, driver_standings, constructor_results and
# constructor_standings stay as in the raw files: rows of a dated race, without a date of their own.
# Tables and columns are rel-f1's (datasets/.../f1/RelF1Dataset.java), under their raw names (driver_standings is
# rel-f1's `standings`); ids keep Ergast's values and the files' camelCase names (quoted: "raceId").
#
#   benchmarks/leakage/load-f1-postgres.sh [--relbench-snapshot] DBNAME
#                                           (connection from PGHOST / PGPORT / PGUSER / PGPASSWORD)
#   --relbench-snapshot  cut the data where RelBench's rel-f1 ends: races timed at or after 2023-08-27 00:00 and
#                        their rows are left out, and so are drivers no remaining result, qualifying or standing
#                        references (rel-f1's 857 drivers), so labels can be compared with --dataset rel-f1 exactly.
#                        Without it every race in the files is loaded, and every driver.
# The database is created if missing; the script refuses a database that already holds tables (it never drops any).
set -euo pipefail
SNAPSHOT=""
if [ "${1:-}" = "--relbench-snapshot" ]; then SNAPSHOT=yes; shift; fi
DB="${1:?usage: load-f1-postgres.sh [--relbench-snapshot] DBNAME}"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
RAW="${RELGRAPH_DATA_HOME:-$ROOT/../shared/data}/f1"
[ -d "$RAW" ] || { echo "no F1 data at $RAW (set RELGRAPH_DATA_HOME)" >&2; exit 1; }

psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$DB'" | grep -q 1 || createdb "$DB"
if [ -n "$(psql -d "$DB" -tAc "SELECT 1 FROM information_schema.tables WHERE table_schema='public' LIMIT 1")" ]; then
  echo "database $DB already holds tables; not touching it (drop it yourself to reload)" >&2
  exit 1
fi

sql() { psql -q -v ON_ERROR_STOP=1 -d "$DB" "$@"; }

# 1. Every raw file into a text staging table in schema `raw`, columns as in the file's header (lower-cased, as
#    unquoted SQL names are); Ergast writes \N for null.
sql -c "CREATE SCHEMA raw"
stage() { # table (= file name without .csv.gz)
  local header
  # sed reads to the end: head would close the pipe on zcat, which pipefail reports as a failure
  header="$(zcat "$RAW/$1.csv.gz" | sed -n 1p | tr -d '\r')"
  sql -c "CREATE TABLE raw.$1 ($(sed 's/,/ text, /g; s/$/ text/' <<<"$header"))"
  # later rows of races.csv have only the first 8 of its 18 columns: pad short rows with nulls, as rel-f1's reader
  # does (fields counted at every comma: a short row with a quoted comma stays short, and COPY refuses it)
  zcat "$RAW/$1.csv.gz" | awk -F, -v n="$(awk -F, '{print NF}' <<<"$header")" \
      '{ for (i = NF; i < n; i++) $0 = $0 ",\\N"; print }' \
    | sql -c "\\copy raw.$1 FROM STDIN WITH (FORMAT csv, HEADER true, NULL '\\N')"
}
for f in races circuits drivers constructors results qualifying driver_standings constructor_results \
         constructor_standings; do
  stage "$f"
done

# 2. Typed tables with keys, filled in foreign-key order. The cut (if any) is applied to races; every child row is
#    taken only for a race that was kept, as rel-f1 joins each child to its race.
CUT="TIMESTAMP 'infinity'"
[ -n "$SNAPSHOT" ] && CUT="TIMESTAMP '2023-08-27 00:00:00'"
sql <<SQL
CREATE TABLE circuits ("circuitId" int PRIMARY KEY, "circuitRef" text, name text, location text, country text,
  lat double precision, lng double precision, alt double precision);
INSERT INTO circuits SELECT circuitid::int, circuitref, name, location, country, lat::float8, lng::float8,
  alt::float8 FROM raw.circuits;
-- timestamp without time zone: relgraph reads it as UTC, as rel-f1's files are
CREATE TABLE races ("raceId" int PRIMARY KEY, year int, round int, "circuitId" int NOT NULL REFERENCES circuits,
  name text, date timestamp NOT NULL);
INSERT INTO races SELECT * FROM (SELECT raceid::int, year::int, round::int, circuitid::int, name,
  date::date + COALESCE(time::time, TIME '00:00:00') AS date FROM raw.races) r WHERE date < $CUT;
CREATE TABLE constructors ("constructorId" int PRIMARY KEY, name text, nationality text);
INSERT INTO constructors SELECT constructorid::int, name, nationality FROM raw.constructors;
CREATE TABLE drivers ("driverId" int PRIMARY KEY, dob date, nationality text);
INSERT INTO drivers SELECT driverid::int, dob::date, nationality FROM raw.drivers;
CREATE TABLE results ("resultId" int PRIMARY KEY, "raceId" int NOT NULL REFERENCES races,
  "driverId" int NOT NULL REFERENCES drivers, "constructorId" int NOT NULL REFERENCES constructors,
  number double precision, grid double precision, position double precision, "positionOrder" double precision,
  points double precision, laps double precision, milliseconds double precision, "fastestLap" double precision,
  rank double precision, "statusId" int);
INSERT INTO results SELECT resultid::int, raceid::int, driverid::int, constructorid::int, number::float8,
  grid::float8, position::float8, positionorder::float8, points::float8, laps::float8, milliseconds::float8,
  fastestlap::float8, rank::float8, statusid::int FROM raw.results WHERE raceid::int IN (SELECT "raceId" FROM races);
CREATE TABLE qualifying ("qualifyId" int PRIMARY KEY, "raceId" int NOT NULL REFERENCES races,
  "driverId" int NOT NULL REFERENCES drivers, "constructorId" int NOT NULL REFERENCES constructors,
  number double precision, position double precision);
INSERT INTO qualifying SELECT qualifyid::int, raceid::int, driverid::int, constructorid::int, number::float8,
  position::float8 FROM raw.qualifying WHERE raceid::int IN (SELECT "raceId" FROM races);
CREATE TABLE driver_standings ("driverStandingsId" int PRIMARY KEY, "raceId" int NOT NULL REFERENCES races,
  "driverId" int NOT NULL REFERENCES drivers, points double precision, position double precision,
  wins double precision);
INSERT INTO driver_standings SELECT driverstandingsid::int, raceid::int, driverid::int, points::float8,
  position::float8, wins::float8 FROM raw.driver_standings WHERE raceid::int IN (SELECT "raceId" FROM races);
CREATE TABLE constructor_results ("constructorResultsId" int PRIMARY KEY, "raceId" int NOT NULL REFERENCES races,
  "constructorId" int NOT NULL REFERENCES constructors, points double precision);
INSERT INTO constructor_results SELECT constructorresultsid::int, raceid::int, constructorid::int, points::float8
  FROM raw.constructor_results WHERE raceid::int IN (SELECT "raceId" FROM races);
CREATE TABLE constructor_standings ("constructorStandingsId" int PRIMARY KEY,
  "raceId" int NOT NULL REFERENCES races, "constructorId" int NOT NULL REFERENCES constructors,
  points double precision, position double precision, wins double precision);
INSERT INTO constructor_standings SELECT constructorstandingsid::int, raceid::int, constructorid::int,
  points::float8, position::float8, wins::float8 FROM raw.constructor_standings
  WHERE raceid::int IN (SELECT "raceId" FROM races);
SET client_min_messages = warning;
DROP SCHEMA raw CASCADE;
SQL
if [ -n "$SNAPSHOT" ]; then # rel-f1 keeps only the drivers the snapshot's rows reference
  sql -c 'DELETE FROM drivers d WHERE NOT EXISTS (SELECT 1 FROM results r WHERE r."driverId" = d."driverId")
    AND NOT EXISTS (SELECT 1 FROM qualifying q WHERE q."driverId" = d."driverId")
    AND NOT EXISTS (SELECT 1 FROM driver_standings s WHERE s."driverId" = d."driverId")'
fi
for t in circuits races constructors drivers results qualifying driver_standings constructor_results \
         constructor_standings; do
  printf '%-22s %s rows\n' "$t" "$(psql -d "$DB" -tAc "SELECT count(*) FROM $t")"
done
