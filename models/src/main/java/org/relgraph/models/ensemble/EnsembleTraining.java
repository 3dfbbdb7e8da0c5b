package org.relgraph.models.ensemble;

import java.util.function.IntFunction;
import org.relgraph.gnn.train.TrainingListener;
import org.relgraph.models.gnn.GnnTraining;

/**
 * {@code gnn-ensemble}'s settings in a {@link org.relgraph.models.TrainingRequest}: the members' GNN settings
 * (each member trains with them, its seed the request's plus its index), how many members, and who follows member
 * i's epochs (e.g. a progress bar labelled "member 2/3").
 *
 * @param memberListener member number (1..members) to its listener, or null for {@code gnn}'s own listener
 */
public record EnsembleTraining(GnnTraining gnn, int members, IntFunction<TrainingListener> memberListener) {
    /** Members when none is given: three seeds. */
    public static final int DEFAULT_MEMBERS = 3;

    public EnsembleTraining {
        gnn = gnn == null ? GnnTraining.of(null) : gnn;
        if (members < 1) {
            throw new IllegalArgumentException("an ensemble needs at least one member, not " + members);
        }
    }

    static EnsembleTraining defaults() {
        return new EnsembleTraining(null, DEFAULT_MEMBERS, null);
    }

    TrainingListener listener(int member) {
        return memberListener == null ? gnn.listener() : memberListener.apply(member);
    }
}
