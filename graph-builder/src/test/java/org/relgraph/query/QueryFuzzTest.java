package org.relgraph.query;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.relgraph.schema.Schema;

/** Random and mutated queries: the only failure a user may ever see is a {@link QueryException}. */
class QueryFuzzTest {
    private static final Schema BANK = BankSchema.schema();
    private static final List<String> VALID = List.of(
            QueryParserTest.MORTGAGE,
            QueryParserTest.NEXT_BEST_ACTION,
            "PREDICT COUNT(INTERACTION_HISTORY.* WHERE INTERACTION_HISTORY.CHANNEL IN ('email', 'app'), 0, 30, days) "
                    + "> 2 FOR EACH CUSTOMERS.CUSTOMER_ID WHERE NOT (CUSTOMERS.AGE < 18 OR CUSTOMERS.NOTES IS NULL)",
            "PREDICT LIST_DISTINCT(INTERACTION_HISTORY.OFFER_ID, 0, 7) RANK TOP 10 FOR EACH CUSTOMERS.CUSTOMER_ID",
            "predict avg(product_holdings.balance, 1, 3, months) for each customers.customer_id -- comment\n"
                    + "where customers.joined_at >= '2023-01-01' and customers.is_active = true /* c */",
            "PREDICT LAST(INTERACTION_HISTORY.OUTCOME, 0, 12, hours) = 'Accepted' FOR EACH CUSTOMERS.CUSTOMER_ID "
                    + "WHERE PRODUCT_HOLDINGS.BALANCE > -1.5e3 AND \"CUSTOMERS\".\"SEGMENT\" <> 'it''s'");
    private static final String[] WORDS = {
        "PREDICT", "FOR", "EACH", "WHERE", "AND", "OR", "NOT", "IN", "IS", "NULL", "TRUE", "FALSE", "RANK", "TOP",
        "BOOL", "COUNT", "SUM", "AVG", "MIN", "MAX", "COUNT_DISTINCT", "FIRST", "LAST", "LIST_DISTINCT", "ARGMAX",
        "CUSTOMERS", "PRODUCT_HOLDINGS", "INTERACTION_HISTORY", "OFFERS", "TRANSFERS", "BRANCHES", "CUSTOMER_ID",
        "PRODUCT", "AGE", "SEGMENT", "JOINED_AT", "OFFER_ID", "days", "months", "hours", "(", ")", ",", ".", "*",
        "=", "!=", "<>", "<", "<=", ">", ">=", "-", "0", "6", "99999999999999999999", "1e400", "2.5", "'x'", "''",
        "'2024-01-01'", "\"q\"", "\"\"", "--", "/*", "*/", "'", "\"", "\n", "é", "\u0000", "😀"};
    private static final String FLIP_CHARS = "()',.*=<>!-\"/ \n\tAZaz09_;é";

    @Test
    void parserOnlyEverThrowsQueryException() {
        for (String valid : VALID) {
            PredictiveQuery.parse(valid, BANK);
        }
        Random random = new Random(20261125L);
        int accepted = 0;
        int rejected = 0;
        for (int i = 0; i < 30_000; i++) {
            String input = switch (i % 4) {
                case 0 -> truncate(random);
                case 1 -> flip(random);
                case 2 -> splice(random);
                default -> randomTokens(random);
            };
            try {
                PredictiveQuery q = PredictiveQuery.parse(input, BANK);
                q.plan();
                accepted++;
            } catch (QueryException e) {
                rejected++;
                assertTrue(e.line() >= 1 && e.column() >= 1, input);
                assertTrue(e.userMessage().contains("^"), input);
            } catch (RuntimeException | StackOverflowError e) {
                fail("input " + quote(input) + " threw " + e, e);
            }
        }
        // Mutations must exercise the binder and task inference, not just the lexer's first token.
        assertTrue(accepted > 500, "accepted " + accepted);
        assertTrue(rejected > 20_000, "rejected " + rejected);
    }

    private static String pick(Random r) {
        return VALID.get(r.nextInt(VALID.size()));
    }

    private static String truncate(Random r) {
        String s = pick(r);
        return s.substring(0, r.nextInt(s.length() + 1));
    }

    private static String flip(Random r) {
        StringBuilder s = new StringBuilder(pick(r));
        int flips = 1 + r.nextInt(3);
        for (int k = 0; k < flips && s.length() > 0; k++) {
            int at = r.nextInt(s.length());
            switch (r.nextInt(3)) {
                case 0 -> s.setCharAt(at, FLIP_CHARS.charAt(r.nextInt(FLIP_CHARS.length())));
                case 1 -> s.deleteCharAt(at);
                default -> s.insert(at, FLIP_CHARS.charAt(r.nextInt(FLIP_CHARS.length())));
            }
        }
        return s.toString();
    }

    /** A valid query with a random word inserted, replacing a word, or two queries glued at random points. */
    private static String splice(Random r) {
        String s = pick(r);
        if (r.nextBoolean()) {
            String other = pick(r);
            return s.substring(0, r.nextInt(s.length())) + other.substring(r.nextInt(other.length()));
        }
        String[] words = s.split(" ");
        words[r.nextInt(words.length)] = r.nextBoolean() ? WORDS[r.nextInt(WORDS.length)] : "";
        return String.join(" ", words);
    }

    private static String randomTokens(Random r) {
        StringBuilder s = new StringBuilder("PREDICT ");
        int n = r.nextInt(30);
        for (int k = 0; k < n; k++) {
            s.append(WORDS[r.nextInt(WORDS.length)]).append(r.nextInt(4) == 0 ? "" : " ");
        }
        return s.toString();
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\n", "\\n").replace("\"", "\\\"") + "\"";
    }
}
