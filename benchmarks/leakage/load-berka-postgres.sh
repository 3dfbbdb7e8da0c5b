#!/usr/bin/env bash
# Loads the raw Berka bank data (../shared/data/berka, or $RELGRAPH_DATA_HOME/berka) into a PostgreSQL database with
# real primary and foreign keys, as a user's own bank database would be: issue #18's check of the time-travel guard.
# `order` (standing orders) has no date in the source: every prediction time sees every standing order, including
# the loan repayments that exist only because of the loan being predicted.
#
#   benchmarks/leakage/load-berka-postgres.sh DBNAME        (connection from PGHOST / PGPORT / PGUSER / PGPASSWORD)
# The database is created if missing; the script refuses a database that already holds tables (it never drops any).
set -euo pipefail
DB="${1:?usage: load-berka-postgres.sh DBNAME}"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
RAW="${RELGRAPH_DATA_HOME:-$ROOT/../shared/data}/berka"
[ -d "$RAW" ] || { echo "no Berka data at $RAW (set RELGRAPH_DATA_HOME)" >&2; exit 1; }

psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$DB'" | grep -q 1 || createdb "$DB"
if [ -n "$(psql -d "$DB" -tAc "SELECT 1 FROM information_schema.tables WHERE table_schema='public' LIMIT 1")" ]; then
  echo "database $DB already holds tables; not touching it (drop it yourself to reload)" >&2
  exit 1
fi

sql() { psql -q -v ON_ERROR_STOP=1 -d "$DB" "$@"; }

# 1. Every raw file into a text staging table in schema `raw`, columns as in the file's header.
sql -c "CREATE SCHEMA raw"
stage() { # table, file, columns
  sql -c "CREATE TABLE raw.$1 ($(sed 's/,/ text, /g; s/$/ text/' <<<"$3"))"
  zcat "$RAW/$2" | sql -c "\\copy raw.$1 FROM STDIN WITH (FORMAT csv, DELIMITER ';', HEADER true)"
}
stage district district.asc.gz "a1,a2,a3,a4,a5,a6,a7,a8,a9,a10,a11,a12,a13,a14,a15,a16"
stage account account.asc.gz "account_id,district_id,frequency,date"
stage client client.asc.gz "client_id,birth_number,district_id"
stage disp disp.asc.gz "disp_id,client_id,account_id,type"
stage card card.asc.gz "card_id,disp_id,type,issued"
stage loan loan.asc.gz "loan_id,account_id,date,amount,duration,payments,status"
stage orders order.asc.gz "order_id,account_id,bank_to,account_to,amount,k_symbol"
stage trans trans_1993-01_to_1994-10.asc.gz "trans_id,account_id,date,type,operation,amount,balance,k_symbol,bank,account"

# 2. Typed tables with keys, filled in foreign-key order; dates decoded from YYMMDD (19YY), '?' and '' as NULL.
sql <<'SQL'
CREATE FUNCTION raw.d(t text) RETURNS date LANGUAGE sql IMMUTABLE AS
  $$ SELECT to_date('19' || substr(t, 1, 6), 'YYYYMMDD') $$;
CREATE FUNCTION raw.n(t text) RETURNS double precision LANGUAGE sql IMMUTABLE AS
  $$ SELECT NULLIF(NULLIF(trim(t), '?'), '')::double precision $$;
CREATE TABLE district (district_id int PRIMARY KEY, name text, region text, inhabitants double precision,
  munis_lt500 double precision, munis_500_1999 double precision, munis_2000_9999 double precision,
  munis_ge10000 double precision, cities double precision, urban_ratio double precision, avg_salary double precision,
  unemployment_95 double precision, unemployment_96 double precision, entrepreneurs_per_1000 double precision,
  crimes_95 double precision, crimes_96 double precision);
INSERT INTO district SELECT a1::int, a2, a3, raw.n(a4), raw.n(a5), raw.n(a6), raw.n(a7), raw.n(a8), raw.n(a9),
  raw.n(a10), raw.n(a11), raw.n(a12), raw.n(a13), raw.n(a14), raw.n(a15), raw.n(a16) FROM raw.district;
CREATE TABLE account (account_id int PRIMARY KEY, district_id int NOT NULL REFERENCES district, frequency text,
  date date NOT NULL);
INSERT INTO account SELECT account_id::int, district_id::int, frequency, raw.d(date) FROM raw.account;
CREATE TABLE client (client_id int PRIMARY KEY, birth_number text, district_id int NOT NULL REFERENCES district);
INSERT INTO client SELECT client_id::int, birth_number, district_id::int FROM raw.client;
CREATE TABLE disp (disp_id int PRIMARY KEY, client_id int NOT NULL REFERENCES client,
  account_id int NOT NULL REFERENCES account, type text);
INSERT INTO disp SELECT disp_id::int, client_id::int, account_id::int, type FROM raw.disp;
CREATE TABLE card (card_id int PRIMARY KEY, disp_id int NOT NULL REFERENCES disp, type text, issued date NOT NULL);
INSERT INTO card SELECT card_id::int, disp_id::int, type, raw.d(issued) FROM raw.card;
CREATE TABLE loan (loan_id int PRIMARY KEY, account_id int NOT NULL REFERENCES account, date date NOT NULL,
  amount double precision, duration int, payments double precision, status text);
INSERT INTO loan SELECT loan_id::int, account_id::int, raw.d(date), raw.n(amount), duration::int, raw.n(payments),
  status FROM raw.loan;
CREATE TABLE "order" (order_id int PRIMARY KEY, account_id int NOT NULL REFERENCES account, bank_to text,
  account_to text, amount double precision, k_symbol text);
INSERT INTO "order" SELECT order_id::int, account_id::int, bank_to, account_to, raw.n(amount), NULLIF(trim(k_symbol), '')
  FROM raw.orders;
CREATE TABLE trans (trans_id int PRIMARY KEY, account_id int NOT NULL REFERENCES account, date date NOT NULL,
  type text, operation text, amount double precision, balance double precision, k_symbol text, bank text,
  account text);
INSERT INTO trans SELECT trans_id::int, account_id::int, raw.d(date), type, NULLIF(operation, ''), raw.n(amount),
  raw.n(balance), NULLIF(trim(k_symbol), ''), NULLIF(bank, ''), NULLIF(account, '') FROM raw.trans;
SET client_min_messages = warning;
DROP SCHEMA raw CASCADE;
SQL
for t in district account client disp card loan '"order"' trans; do
  printf '%-10s %s rows\n' "$t" "$(psql -d "$DB" -tAc "SELECT count(*) FROM $t")"
done
