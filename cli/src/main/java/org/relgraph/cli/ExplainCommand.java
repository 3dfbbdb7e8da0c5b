package org.relgraph.cli;

import org.relgraph.options.OptionChecks;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.relgraph.models.EntityModel;
import org.relgraph.models.api.Explanations;
import org.relgraph.models.explain.EntityExplanation;
import org.relgraph.models.explain.Reason;
import org.relgraph.models.explain.RowCredit;
import org.relgraph.table.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Explains one or more entities' scores in readable reasons, with integrated gradients. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {
            "Explain why the model scored an entity as it did as of a date: integrated gradients over the "
                + "entity's sampled subgraph, grouped into reasons from the entity's own columns and its related "
                + "rows (by table, column and value, with counts in a recent window), each with its signed share "
                + "of the total attribution (↑ raises the score, ↓ lowers it).",
            "",
            "Examples:",
            "  relgraph explain --model out/mortgage-model --data data/bank --entity 9587",
            "  relgraph explain --model out/mortgage-model --data data/bank --entity 9587 --entity 6185 "
                + "--as-of 2024-12-01 --top 8 --format json",
            "",
            "For a next-best-action (ARGMAX) model it explains the recommended action: the logit of the entity's "
                + "best action, the action held fixed.",
            ""
        })
public final class ExplainCommand implements Callable<Integer> {
    enum Format { text, json }

    @Mixin
    ModelInput model;

    @Mixin
    DataOptions data;

    @Option(names = "--entity", required = true, paramLabel = "ID",
            description = "Primary-key value of the entity to explain; repeat for several.")
    List<String> entities;

    @Option(names = "--as-of", paramLabel = "DATE",
            description = "Explain the score as of this time (default: the latest time in the data).")
    String asOf;

    @Option(names = "--top", paramLabel = "K", defaultValue = "5",
            description = "Reasons to show per entity (default ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default) or json (one object per entity, as a JSON array).")
    Format format;

    @Option(names = "--rows", paramLabel = "N", defaultValue = "0",
            description = "Also list the N related rows whose connection to the entity moved its score most "
                    + "(per-edge integrated gradients; doubles the time). Default: none.")
    int rows;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter pw = spec.commandLine().getOut();
        OptionChecks.atLeast("--top", top, 1, "reasons shown per entity, e.g. --top 5");
        OptionChecks.atLeast("--rows", rows, 0, "related rows listed per entity; 0, the default, lists none");
        Database db = model.loadData(data, spec.commandLine().getErr());
        long asOfMs = DataTimes.asOf(db, asOf, spec.commandLine().getErr());
        // Notes go to stderr: --format json writes stdout for machines.
        try (EntityModel loaded = model.open(db, spec.commandLine().getErr())) {
            Explanations why = Explanations.of(loaded, db);
            List<EntityExplanation> explained = why.explain(entities, asOfMs, top);
            List<List<RowCredit>> credits = rows > 0 ? why.relatedRows(entities, asOfMs, rows) : null;
            String scoreName = why.scoreName();
            if (format == Format.json) {
                pw.println(json(explained, credits, scoreName));
            } else {
                for (int i = 0; i < explained.size(); i++) {
                    pw.print(text(explained.get(i), scoreName));
                    if (credits != null) {
                        pw.println("  related rows that mattered most (their connection, all values together):");
                        credits.get(i).forEach(c -> pw.println("    " + c.text()));
                    }
                }
            }
        }
        pw.flush();
        return 0;
    }

    static String text(EntityExplanation e, String scoreName) {
        StringBuilder sb = new StringBuilder();
        // A propensity and the logit the attributions add up to are two numbers for one score: say which is which.
        boolean probabilityOfLogit = e.explainedOutput().startsWith("logit")
                && !e.explainedOutput().startsWith("logit of class");
        String scoreKind = probabilityOfLogit ? " (probability)" : "";
        if (e.action() == null) {
            sb.append(String.format(Locale.ROOT, "%s %s as of %s: %s %.4f%s%n", e.table().toUpperCase(Locale.ROOT),
                    e.key(), Instant.ofEpochMilli(e.asOfMs()), scoreName, e.score(), scoreKind));
        } else {
            // the NBA table's PROPENSITY column, by its name there
            sb.append(String.format(Locale.ROOT, "%s %s as of %s: recommended: %s (%s %.4f)%n",
                    e.table().toUpperCase(Locale.ROOT), e.key(), Instant.ofEpochMilli(e.asOfMs()), e.action(),
                    scoreName, e.score()));
        }
        sb.append(String.format(Locale.ROOT, "  %s %.3f%s vs %.3f with nothing known; attributions add up to the "
                        + "difference within %.2f %% (%d steps)%n", e.explainedOutput(), e.output(),
                probabilityOfLogit ? " (raw model score, before calibration)" : "",
                e.baselineOutput(), 100 * e.relativeCompletenessDelta(), e.steps()));
        if (e.reasons().isEmpty() && e.output() == e.baselineOutput()) {
            sb.append("  nothing in this entity's data moves it: the model gives every entity the same output here "
                    + "(e.g. a ranker that kept its action priors, best epoch 0)").append(System.lineSeparator());
        }
        int i = 1;
        for (Reason r : e.reasons()) {
            sb.append(String.format(Locale.ROOT, "  %d. %s%n", i++, r.text()));
        }
        return sb.toString();
    }

    static String json(List<EntityExplanation> explained, List<List<RowCredit>> credits, String scoreName)
            throws Exception {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < explained.size(); i++) {
            EntityExplanation e = explained.get(i);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("table", e.table());
            m.put("key", e.key());
            m.put("as_of", Instant.ofEpochMilli(e.asOfMs()).toString());
            if (e.action() != null) {
                m.put("recommended_action", e.action());
            }
            m.put(scoreName.toLowerCase(Locale.ROOT), e.score());
            m.put("explained_output", e.explainedOutput());
            m.put("output", e.output());
            m.put("baseline_output", e.baselineOutput());
            m.put("completeness_delta", e.completenessDelta());
            m.put("steps", e.steps());
            List<Map<String, Object>> reasons = new ArrayList<>();
            for (Reason r : e.reasons()) {
                Map<String, Object> rm = new LinkedHashMap<>();
                rm.put("text", r.text());
                rm.put("table", r.table());
                rm.put("own_row", r.ownRow());
                rm.put("column", r.column());
                rm.put("description", r.description());
                rm.put("rows", r.rows());
                rm.put("attribution", r.attribution());
                rm.put("share", r.share());
                rm.put("direction", r.raises() ? "raises" : "lowers");
                reasons.add(rm);
            }
            m.put("reasons", reasons);
            if (credits != null) {
                List<Map<String, Object>> rowsOut = new ArrayList<>();
                for (RowCredit c : credits.get(i)) {
                    Map<String, Object> cm = new LinkedHashMap<>();
                    cm.put("text", c.text());
                    cm.put("table", c.table());
                    cm.put("key", c.key());
                    cm.put("when", c.when());
                    cm.put("attribution", c.attribution());
                    cm.put("share", c.share());
                    rowsOut.add(cm);
                }
                m.put("rows", rowsOut);
            }
            out.add(m);
        }
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out);
    }
}
