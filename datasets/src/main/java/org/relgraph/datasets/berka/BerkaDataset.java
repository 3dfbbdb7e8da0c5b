package org.relgraph.datasets.berka;

import static org.relgraph.datasets.TableSchemas.table;
import static org.relgraph.schema.SemanticType.CATEGORICAL;
import static org.relgraph.schema.SemanticType.NUMERICAL;
import static org.relgraph.schema.SemanticType.TEXT;
import static org.relgraph.schema.SemanticType.TIMESTAMP;

import java.nio.file.Path;
import java.util.List;
import org.relgraph.datasets.DuckDbExport;
import org.relgraph.datasets.RealDataset;
import org.relgraph.schema.Schema;
import org.relgraph.schema.SchemaYaml;
import org.relgraph.schema.TableSchema;

/**
 * The PKDD'99 Czech bank (Berka) data with dates decoded (YYMMDD → timestamps, birth numbers → birth date and
 * sex) and Czech codes translated to English. Times: account creation, loan date, card issue date, transaction
 * date; clients, dispositions, standing orders and districts are static. The transactions file holds only
 * 1993-01 .. 1994-10, while accounts and loans run to 1998: predictions after 1994-10 see no transactions.
 */
public final class BerkaDataset implements RealDataset {
    @Override
    public String name() {
        return "berka";
    }

    @Override
    public String description() {
        return "PKDD'99 Czech bank: accounts, clients, dispositions, orders, loans, cards, districts, "
                + "transactions 1993-01..1994-10";
    }

    @Override
    public String rawFolder() {
        return "berka";
    }

    @Override
    public List<String> requiredFiles() {
        return List.of("account.asc.gz", "client.asc.gz", "disp.asc.gz", "order.asc.gz", "loan.asc.gz",
                "card.asc.gz", "district.asc.gz", "trans_1993-01_to_1994-10.asc.gz");
    }

    public static Schema schema() {
        return new Schema(List.of(
                table("district").pk("district_id").col("name", TEXT).col("region", CATEGORICAL)
                        .cols(NUMERICAL, "inhabitants", "municipalities_lt_500", "municipalities_500_1999",
                                "municipalities_2000_9999", "municipalities_ge_10000", "cities", "urban_ratio",
                                "average_salary", "unemployment_1995", "unemployment_1996",
                                "entrepreneurs_per_1000", "crimes_1995", "crimes_1996").declaredStatic().build(),
                table("account").pk("account_id").fk("district_id", "district").col("frequency", CATEGORICAL)
                        .time("created").build(),
                table("client").pk("client_id").fk("district_id", "district").col("birth_date", TIMESTAMP)
                        .col("sex", CATEGORICAL).build(),
                table("disp").pk("disp_id").fk("client_id", "client").fk("account_id", "account")
                        .col("type", CATEGORICAL).build(),
                table("orders").pk("order_id").fk("account_id", "account").col("bank_to", CATEGORICAL)
                        .col("amount", NUMERICAL).col("k_symbol", CATEGORICAL).build(),
                table("loan").pk("loan_id").fk("account_id", "account").time("date")
                        .cols(NUMERICAL, "amount", "duration", "payments").col("status", CATEGORICAL).build(),
                table("card").pk("card_id").fk("disp_id", "disp").col("type", CATEGORICAL).time("issued").build(),
                table("trans").pk("trans_id").fk("account_id", "account").time("date")
                        .cols(CATEGORICAL, "type", "operation").cols(NUMERICAL, "amount", "balance")
                        .cols(CATEGORICAL, "k_symbol", "bank").build()));
    }

    private static String read(Path raw, String file) {
        return read(raw, file, "");
    }

    private static String read(Path raw, String file, String extraOptions) {
        return "read_csv(" + DuckDbExport.quote(raw.resolve(file).toString())
                + ", delim = ';', header = true, quote = '\"', all_varchar = true" + extraOptions + ")";
    }

    /** YYMMDD (19YY) as a timestamp. */
    private static String date(String col) {
        return "CAST(strptime(substr(" + col + ", 1, 6), '%y%m%d') AS TIMESTAMP)";
    }

    private static String kSymbol(String col) {
        return "CASE trim(" + col + ") WHEN 'POJISTNE' THEN 'insurance' WHEN 'SIPO' THEN 'household' "
                + "WHEN 'LEASING' THEN 'leasing' WHEN 'UVER' THEN 'loan payment' WHEN 'SLUZBY' THEN 'statement' "
                + "WHEN 'UROK' THEN 'interest' WHEN 'SANKC. UROK' THEN 'penalty interest' "
                + "WHEN 'DUCHOD' THEN 'pension' ELSE NULL END";
    }

    @Override
    public void prepare(Path raw, Path out) throws Exception {
        try (DuckDbExport db = new DuckDbExport()) {
            db.execute("CREATE TABLE district AS SELECT CAST(A1 AS BIGINT) AS district_id, A2 AS name, A3 AS region, "
                    + "CAST(A4 AS DOUBLE) AS inhabitants, CAST(A5 AS DOUBLE) AS municipalities_lt_500, "
                    + "CAST(A6 AS DOUBLE) AS municipalities_500_1999, CAST(A7 AS DOUBLE) AS municipalities_2000_9999, "
                    + "CAST(A8 AS DOUBLE) AS municipalities_ge_10000, CAST(A9 AS DOUBLE) AS cities, "
                    + "CAST(A10 AS DOUBLE) AS urban_ratio, CAST(A11 AS DOUBLE) AS average_salary, "
                    + "CAST(A12 AS DOUBLE) AS unemployment_1995, CAST(A13 AS DOUBLE) AS unemployment_1996, "
                    + "CAST(A14 AS DOUBLE) AS entrepreneurs_per_1000, CAST(A15 AS DOUBLE) AS crimes_1995, "
                    + "CAST(A16 AS DOUBLE) AS crimes_1996 FROM " + read(raw, "district.asc.gz", ", nullstr = '?'"));
            db.execute("CREATE TABLE account AS SELECT CAST(account_id AS BIGINT) AS account_id, "
                    + "CAST(district_id AS BIGINT) AS district_id, CASE frequency WHEN 'POPLATEK MESICNE' THEN "
                    + "'monthly' WHEN 'POPLATEK TYDNE' THEN 'weekly' WHEN 'POPLATEK PO OBRATU' THEN "
                    + "'after transaction' ELSE frequency END AS frequency, " + date("date") + " AS created FROM "
                    + read(raw, "account.asc.gz"));
            db.execute("CREATE TABLE client AS SELECT CAST(client_id AS BIGINT) AS client_id, "
                    + "CAST(district_id AS BIGINT) AS district_id, make_timestamp(1900 + CAST(substr(birth_number, "
                    + "1, 2) AS INT), CAST(substr(birth_number, 3, 2) AS INT) % 50, CAST(substr(birth_number, 5, 2) "
                    + "AS INT), 0, 0, 0) AS birth_date, CASE WHEN CAST(substr(birth_number, 3, 2) AS INT) > 50 "
                    + "THEN 'F' ELSE 'M' END AS sex FROM " + read(raw, "client.asc.gz"));
            db.execute("CREATE TABLE disp AS SELECT CAST(disp_id AS BIGINT) AS disp_id, "
                    + "CAST(client_id AS BIGINT) AS client_id, CAST(account_id AS BIGINT) AS account_id, "
                    + "CASE type WHEN 'OWNER' THEN 'owner' WHEN 'DISPONENT' THEN 'user' ELSE type END AS type FROM "
                    + read(raw, "disp.asc.gz"));
            db.execute("CREATE TABLE orders AS SELECT CAST(order_id AS BIGINT) AS order_id, "
                    + "CAST(account_id AS BIGINT) AS account_id, bank_to, CAST(amount AS DOUBLE) AS amount, "
                    + kSymbol("k_symbol") + " AS k_symbol FROM " + read(raw, "order.asc.gz"));
            db.execute("CREATE TABLE loan AS SELECT CAST(loan_id AS BIGINT) AS loan_id, "
                    + "CAST(account_id AS BIGINT) AS account_id, " + date("date") + " AS date, "
                    + "CAST(amount AS DOUBLE) AS amount, CAST(duration AS DOUBLE) AS duration, "
                    + "CAST(payments AS DOUBLE) AS payments, CASE status WHEN 'A' THEN 'finished ok' "
                    + "WHEN 'B' THEN 'finished unpaid' WHEN 'C' THEN 'running ok' WHEN 'D' THEN 'running in debt' "
                    + "END AS status FROM " + read(raw, "loan.asc.gz"));
            db.execute("CREATE TABLE card AS SELECT CAST(card_id AS BIGINT) AS card_id, "
                    + "CAST(disp_id AS BIGINT) AS disp_id, type, " + date("issued") + " AS issued FROM "
                    + read(raw, "card.asc.gz"));
            db.execute("CREATE TABLE trans AS SELECT CAST(trans_id AS BIGINT) AS trans_id, "
                    + "CAST(account_id AS BIGINT) AS account_id, " + date("date") + " AS date, "
                    + "CASE type WHEN 'PRIJEM' THEN 'credit' WHEN 'VYDAJ' THEN 'withdrawal' "
                    + "WHEN 'VYBER' THEN 'cash withdrawal' ELSE type END AS type, "
                    + "CASE operation WHEN 'VKLAD' THEN 'cash credit' WHEN 'PREVOD Z UCTU' THEN "
                    + "'collection from another bank' WHEN 'VYBER' THEN 'cash withdrawal' WHEN 'PREVOD NA UCET' "
                    + "THEN 'remittance to another bank' WHEN 'VYBER KARTOU' THEN 'card withdrawal' ELSE NULL END "
                    + "AS operation, CAST(amount AS DOUBLE) AS amount, CAST(balance AS DOUBLE) AS balance, "
                    + kSymbol("k_symbol") + " AS k_symbol, NULLIF(trim(bank), '') AS bank FROM "
                    + read(raw, "trans_1993-01_to_1994-10.asc.gz"));
            Schema schema = schema();
            for (TableSchema t : schema.tables()) {
                db.exportParquet(t.name(), out);
            }
            SchemaYaml.write(schema, out.resolve(SchemaYaml.FILE_NAME));
        }
    }
}
