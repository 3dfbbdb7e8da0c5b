package org.relgraph.example;

// README.md's "Embedding relgraph in an application" shows this file from its first import on, and
// org.relgraph.models.api.LibraryApiTest runs it and checks that the README still shows exactly this. It sits in a
// package of its own so that its imports are those an application needs.
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.relgraph.models.EntityModel;
import org.relgraph.models.ModelLoader;
import org.relgraph.models.api.Explanations;
import org.relgraph.models.api.Scoring;
import org.relgraph.models.api.Sources;
import org.relgraph.models.explain.EntityExplanation;
import org.relgraph.models.output.ScoreTable;
import org.relgraph.models.output.TerminalTable;
import org.relgraph.table.Database;

public final class ScoreWithReasons {
    /** Prints the 10 best-scored entities as of {@code day}, then why the first 3 scored as they did. */
    public static void print(Path bundle, String data, LocalDate day, PrintStream out) throws Exception {
        // The data as the model saw it: without the tables it was trained without.
        Database db = Sources.loadFor(bundle, data);
        try (EntityModel model = ModelLoader.load(bundle, db)) {
            long asOf = day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            ScoreTable best = Scoring.of(model, db).top(10).asOf(asOf); // key, name, score, rank, action tier
            out.print(new TerminalTable(10, 32).render(best));
            List<String> firstThree = Explanations.keys(best, 3);
            for (EntityExplanation e : Explanations.of(model, db).explain(firstThree, asOf, 3)) {
                out.println(e.key() + " scored " + e.score() + " because:");
                e.reasons().forEach(r -> out.println("  " + r.text()));
            }
        }
    }
}
