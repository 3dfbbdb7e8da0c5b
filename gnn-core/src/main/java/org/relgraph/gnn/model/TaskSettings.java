package org.relgraph.gnn.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Choices whose best value depends on the query's task type; null means that task's default, decided when
 * training, and a bundle's encoding or model records what was used.
 *
 * @param actionScorer   next best action: how the entity embedding scores each action, or null for the default of
 *                       the task ({@code GnnRanker}); a bundle saved before the choice existed loads as
 *                       {@link ActionScorerKind#DOT}, the only scorer then
 * @param childSummaries whether parent rows get summaries of all their child rows as inputs
 *                       ({@code ChildActivityEncoding}), or null: on for entity predictions, off for rankers (on the
 *                       demo's next-best-action task they lowered validation MAP@3 on both seeds tried,
 *                       docs/MODEL-TUNING.md)
 * @param labelHistory   whether the entity's node also reads its own past labels for the query
 *                       ({@code LabelHistory}), or null for the task's default; training resolves it, so a bundle
 *                       records what was used (and one saved before the choice existed loads as null: off)
 * @param extendedChildSummaries whether the child summaries also hold windowed sums and means of the children's
 *                       numerical columns ({@code ChildActivityEncoding.windowSums}), or null: off. Left out of the
 *                       JSON while null, so a config without it keeps its canonical text and identity.
 */
public record TaskSettings(ActionScorerKind actionScorer, Boolean childSummaries, Boolean labelHistory,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Boolean extendedChildSummaries) {
    public static final TaskSettings DEFAULTS = new TaskSettings(null, null, null, null);

    public TaskSettings withActionScorer(ActionScorerKind kind) {
        return RecordCopy.with(this, "actionScorer", kind);
    }

    public TaskSettings withChildSummaries(Boolean on) {
        return RecordCopy.with(this, "childSummaries", on);
    }

    public TaskSettings withExtendedChildSummaries(Boolean on) {
        return RecordCopy.with(this, "extendedChildSummaries", on);
    }

    /** Whether the child summaries hold windowed sums and means (off unless chosen). */
    public boolean extendedChildSummariesOn() {
        return Boolean.TRUE.equals(extendedChildSummaries);
    }

    public TaskSettings withLabelHistory(Boolean on) {
        return RecordCopy.with(this, "labelHistory", on);
    }

    /** Whether a model reads label history, given the task's default when none was chosen. */
    public boolean labelHistoryOr(boolean taskDefault) {
        return labelHistory == null ? taskDefault : labelHistory;
    }

    /** Whether a model summarises child rows, given the task's default when none was chosen. */
    public boolean childSummariesOr(boolean taskDefault) {
        return childSummaries == null ? taskDefault : childSummaries;
    }
}
