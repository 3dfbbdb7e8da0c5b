#!/usr/bin/env python3
"""Writes the mini-bank sample tables. Deterministic (fixed seed): re-running gives the same files.

Usage: python3 generate.py   (writes the CSV files next to this script)
"""
import csv
import random
from datetime import date, datetime, timedelta
from pathlib import Path

OUT = Path(__file__).resolve().parent
rng = random.Random(42)

SEGMENTS = ["mass", "mass affluent", "affluent"]
CITIES = ["Lyon", "Porto", "Leeds", "Gdansk", "Turin", "Ghent"]
PRODUCTS = [(1, "credit card", "card"), (2, "mortgage", "loan"), (3, "personal loan", "loan"),
            (4, "savings plan", "savings"), (5, "travel insurance", "insurance")]


def write(name, header, rows):
    with open(OUT / f"{name}.csv", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


customers = []
for cid in range(1, 31):
    joined = date(2022, 1, 1) + timedelta(days=rng.randrange(0, 365))
    born = date(1950, 1, 1) + timedelta(days=rng.randrange(0, 365 * 50))
    customers.append((cid, rng.choice(SEGMENTS), rng.choice(CITIES), born.isoformat(), joined.isoformat()))
write("customers", ["customer_id", "segment", "city", "birth_date", "joined_on"], customers)

write("products", ["product_id", "name", "family"], PRODUCTS)

accounts = []
aid = 100
for c in customers:
    for _ in range(rng.choice([1, 1, 2])):
        aid += 1
        opened = date.fromisoformat(c[4]) + timedelta(days=rng.randrange(0, 60))
        accounts.append((aid, c[0], rng.choice(["current", "savings"]), opened.isoformat(),
                         rng.choice(["true", "false"])))
write("accounts", ["account_id", "customer_id", "kind", "opened_on", "overdraft"], accounts)

transactions = []
tid = 1000
for a in accounts:
    start = datetime.fromisoformat(a[3] + "T09:00:00")
    for _ in range(rng.randrange(2, 7)):
        tid += 1
        at = start + timedelta(days=rng.randrange(1, 500), minutes=rng.randrange(0, 600))
        amount = round(rng.uniform(-400, 250) if a[2] == "current" else rng.uniform(10, 900), 2)
        transactions.append((tid, a[0], at.isoformat(sep=" "), amount,
                             rng.choice(["card", "transfer", "cash", "direct debit"])))
transactions.sort(key=lambda t: t[2])
write("transactions", ["transaction_id", "account_id", "timestamp", "amount", "channel"], transactions)

holdings = []
hid = 0
for c in customers:
    for p in rng.sample(PRODUCTS, rng.randrange(0, 3)):
        hid += 1
        since = date.fromisoformat(c[4]) + timedelta(days=rng.randrange(10, 400))
        holdings.append((hid, c[0], p[0], since.isoformat()))
write("product_holdings", ["holding_id", "customer_id", "product_id", "start_date"], holdings)
