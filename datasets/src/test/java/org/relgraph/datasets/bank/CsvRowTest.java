package org.relgraph.datasets.bank;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CsvRowTest {
    private static String line(CsvRow row) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        row.writeTo(out);
        return out.toString(StandardCharsets.US_ASCII);
    }

    @Test
    void fixedPointKeepsItsDigitsSignAndNulls() throws IOException {
        assertEquals("12.30,-1.50,0.00,,0.0421,1000\n", line(new CsvRow().fixed(12.3, 2).fixed(-1.5, 2)
                .fixed(-0.004, 2).fixed(Double.NaN, 2).fixed(0.04209, 4).fixed(999.7, 0)));
    }

    @Test
    void datesAndTimestampsAreIsoInUtc() throws IOException {
        long second = LocalDateTime.of(2024, 3, 1, 14, 5, 9).toEpochSecond(ZoneOffset.UTC);
        assertEquals("2024-03-01 14:05:09,2022-12-31\n", line(new CsvRow().timestamp(second)
                .date(LocalDate.of(2022, 12, 31).toEpochDay())));
    }

    @Test
    void emptyFieldsKeepTheirSeparatorsAndTheRowResets() throws IOException {
        CsvRow row = new CsvRow();
        assertEquals("7,,x\n", line(row.id(7).empty().text("x")));
        assertEquals("8,-42,2024-03-01\n", line(row.id(8).integer(-42).date(LocalDate.of(2024, 3, 1).toEpochDay())));
    }
}
