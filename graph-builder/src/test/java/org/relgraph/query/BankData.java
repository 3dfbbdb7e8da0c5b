package org.relgraph.query;

import static org.relgraph.query.TestTables.of;

import java.time.Instant;
import java.util.List;
import org.relgraph.table.Database;

/**
 * A tiny bank around the anchor 2024-01-31, with rows placed exactly on window boundaries. Row numbers matter to
 * the tests: customers 1..6 are rows 0..5, offers 1..3 are rows 0..2, interactions 500.. are rows 0...
 */
final class BankData {
    static final long ANCHOR = TestTables.day("2024-01-31");

    private BankData() {
    }

    static Database database() {
        return new Database(BankSchema.schema(), List.of(
                of(BankSchema.customers(),
                        new Object[] {1L, "Premier", 40, true, null, "2023-01-01"},
                        new Object[] {2L, "Mass", 30, true, null, "2023-01-01"},
                        new Object[] {3L, "Premier", 50, false, null, "2023-06-01"},
                        new Object[] {4L, "Mass Affluent", 25, true, null, "2023-01-01"},
                        new Object[] {5L, "Premier", 35, true, null, "2024-02-10"},   // joins after the anchor
                        new Object[] {6L, "Mass", null, true, null, null}),           // join time unknown
                of(BankSchema.productHoldings(),
                        new Object[] {100L, 1L, "Mortgage", 1000, "2024-01-31"},       // exactly at the anchor
                        new Object[] {101L, 2L, "Mortgage", 2000, "2024-02-29"},       // exactly at anchor + 1 month
                        new Object[] {102L, 3L, "Mortgage", 3000, Instant.parse("2024-02-29T00:00:00.001Z")},
                        new Object[] {103L, 4L, "Savings", 50, "2023-05-01"},
                        new Object[] {104L, 4L, "Mortgage", 500, "2024-02-01"},        // the day after the anchor
                        new Object[] {105L, 3L, "Savings", 10, "2024-02-15"},
                        new Object[] {106L, 99L, "Mortgage", 7, "2024-02-10"},         // dangling customer
                        new Object[] {107L, 2L, "Savings", null, "2024-02-20"}),
                of(BankSchema.interactionHistory(),
                        new Object[] {500L, 1L, 2L, "email", "Accepted", "2024-02-05"},
                        new Object[] {501L, 1L, 1L, "app", "Rejected", "2024-02-03"},
                        new Object[] {502L, 1L, 2L, "app", "Accepted", "2024-02-07"},
                        new Object[] {503L, 2L, 3L, "email", "Rejected", "2024-01-31"},
                        new Object[] {504L, 2L, 99L, "email", "Accepted", "2024-02-06"},
                        new Object[] {505L, 3L, 1L, "branch", "Accepted", "2024-03-15"},
                        new Object[] {506L, 4L, null, "app", "Rejected", "2024-02-02"}),
                of(BankSchema.offers(),
                        new Object[] {1L, "Cashback"},
                        new Object[] {2L, "Travel card"},
                        new Object[] {3L, "Loan"}),
                of(BankSchema.branches()),
                of(BankSchema.transfers())));
    }
}
