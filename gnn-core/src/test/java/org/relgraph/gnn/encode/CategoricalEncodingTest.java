package org.relgraph.gnn.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.relgraph.gnn.encode.CategoricalEncoding.NULL_CODE;
import static org.relgraph.gnn.encode.CategoricalEncoding.UNKNOWN_CODE;
import static org.relgraph.gnn.encode.TestTables.categorical;
import static org.relgraph.gnn.encode.TestTables.rows;
import static org.relgraph.gnn.encode.TestTables.table;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.relgraph.table.CategoricalColumn;
import org.relgraph.table.Table;

class CategoricalEncodingTest {
    private static final CategoricalColumn CITY = categorical("city",
            "paris", "oslo", "paris", "rome", "oslo", "paris", null, "lima", "rome");

    @Test
    void frequentValuesGetCodesRareOnesTheUnknownBucketAndNullItsOwnCode() {
        Table t = table("customers", null, CITY);
        EncodedBatch b = TableEncoding.fit(t, 0).bind(t).encode(rows(9), 0L);

        CategoricalFeature city = b.layout().categorical().get(0);
        assertEquals(List.of("paris", "oslo", "rome"), city.vocabulary(), "by count, ties by value; lima seen once");
        assertEquals(5, b.vocabularySize(0));
        assertArrayEquals(new int[] {2, 3, 2, 4, 3, 2, NULL_CODE, UNKNOWN_CODE, 4}, b.categoryCodes(0));
        assertEquals("city = oslo", city.label(3));
        assertEquals("city is missing", city.label(NULL_CODE));
        assertEquals("city = <unknown or rare>", city.label(UNKNOWN_CODE));
    }

    @Test
    void minCountAndVocabularyCapAreConfigurable() {
        EncodingConfig keepAll = EncodingConfig.defaults().withMinCategoryCount(1);
        assertEquals(List.of("paris", "oslo", "rome", "lima"),
                CategoricalEncoding.fit(CITY, rows(9), keepAll).vocabulary());
        assertEquals(List.of("paris", "oslo"),
                CategoricalEncoding.fit(CITY, rows(9), keepAll.withMaxVocabulary(2)).vocabulary());
    }

    @Test
    void valuesUnseenInFittingFallBackToUnknown() {
        CategoricalEncoding enc = CategoricalEncoding.fit(CITY, rows(9), EncodingConfig.defaults());
        Table later = table("customers", null, categorical("city", "tokyo", "rome", null, "paris"));
        EncodedBatch b = new TableEncoding("customers", 0, 9, List.of(enc)).bind(later).encode(rows(4), 0L);
        assertArrayEquals(new int[] {UNKNOWN_CODE, 4, NULL_CODE, 2}, b.categoryCodes(0));
        assertEquals(UNKNOWN_CODE, enc.codeOf("tokyo"));
        assertEquals(NULL_CODE, enc.codeOf(null));
        assertEquals(3, enc.codeOf("oslo"));
    }

    @Test
    void unknownCategoriesReportsValuesNewSinceTrainingNotThoseMerelyRareInIt() {
        CategoricalEncoding enc = CategoricalEncoding.fit(CITY, rows(9), EncodingConfig.defaults());
        TableEncoding encoding = new TableEncoding("customers", 0, 9, List.of(enc));
        Table later = table("customers", null,
                categorical("city", "tokyo", "rome", null, "lima", "tokyo", "paris", "tokyo"));
        List<UnknownCategories> unknown = encoding.unknownCategories(later);
        assertEquals(List.of(new UnknownCategories("customers", "city", 1, 3, List.of("tokyo"), true)), unknown,
                "tokyo is new; lima was in training, once, so the unknown bucket is where the model learnt it");
        assertEquals("1 value of customers.city unseen in training → unknown bucket (3 rows; e.g. 'tokyo')",
                unknown.get(0).describe());
        int[] codes = encoding.bind(later).encode(rows(7), 0L).categoryCodes(0);
        assertEquals(4, java.util.Arrays.stream(codes).filter(c -> c == UNKNOWN_CODE).count(),
                "three tokyo rows and the lima row are fed to the model as unknown");
        assertEquals(List.of(), encoding.unknownCategories(table("customers", null,
                categorical("city", "rome", "paris", "lima"))));
        assertEquals(Boolean.FALSE, enc.seenInFitting("tokyo"));
        assertEquals(Boolean.TRUE, enc.seenInFitting("lima"));
    }

    @Test
    void anEncodingWithoutRareValueHashesReportsEveryUnknownValueAndSaysItMayBeRare() {
        CategoricalEncoding fitted = CategoricalEncoding.fit(CITY, rows(9), EncodingConfig.defaults());
        CategoricalEncoding legacy = new CategoricalEncoding("city", fitted.vocabulary(), fitted.minCount());
        Table later = table("customers", null, categorical("city", "tokyo", "lima", "tokyo"));
        List<UnknownCategories> unknown = new TableEncoding("customers", 0, 9, List.of(legacy))
                .unknownCategories(later);
        assertEquals("2 values of customers.city unseen in training (or too rare in it) → unknown bucket "
                + "(3 rows; e.g. 'tokyo', 'lima')", unknown.get(0).describe());
        assertEquals(null, legacy.seenInFitting("lima"));
    }
}
