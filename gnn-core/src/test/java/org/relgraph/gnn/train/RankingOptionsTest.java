package org.relgraph.gnn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A ranker's options are part of its training checkpoint's identity: canonical text, one change one identity. */
class RankingOptionsTest {
    @Test
    void theCanonicalFormListsEveryFieldInKeyOrder() {
        assertEquals("{\"k\":3,\"negativeWeight\":0.25,\"negatives\":4,\"objective\":\"ACCEPTED_BCE\"}",
                RankingTrainer.Options.DEFAULT.canonical());
    }

    @Test
    void anyOneFieldChangesIt() {
        RankingTrainer.Options d = RankingTrainer.Options.DEFAULT;
        List<RankingTrainer.Options> variants = List.of(d,
                new RankingTrainer.Options(d.negatives() + 1, d.negativeWeight(), d.k(), d.objective()),
                new RankingTrainer.Options(d.negatives(), d.negativeWeight() * 2, d.k(), d.objective()),
                new RankingTrainer.Options(d.negatives(), d.negativeWeight(), d.k() + 2, d.objective()),
                new RankingTrainer.Options(d.negatives(), d.negativeWeight(), d.k(),
                        RankingTrainer.Objective.SOFTMAX));
        Set<String> distinct = variants.stream().map(RankingTrainer.Options::canonical).collect(Collectors.toSet());
        assertEquals(variants.size(), distinct.size(), distinct.toString());
    }
}
