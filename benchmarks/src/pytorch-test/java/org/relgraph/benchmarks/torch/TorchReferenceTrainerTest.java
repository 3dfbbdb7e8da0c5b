package org.relgraph.benchmarks.torch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relgraph.datasets.bank.BankConfig;
import org.relgraph.datasets.bank.BankGenerator;
import org.relgraph.datasets.bank.BankQueries;
import org.relgraph.gnn.model.GnnConfig;
import org.relgraph.models.api.Task;
import org.relgraph.query.TrainingSplits;
import org.relgraph.source.DataSources;
import org.relgraph.table.Database;

/**
 * The PyTorch reference trainer must learn, or its seeds/s would time a loop that does not train: on a small
 * generated bank, over three epochs of the mortgage query, the engines agree on the first batch, the training loss
 * falls and the model ranks validation customers better than chance. Runs only with {@code -P pytorch-reference}.
 */
class TorchReferenceTrainerTest {
    private static final String MORTGAGE = BankQueries.MORTGAGE;

    @TempDir
    Path tmp;

    @Test
    void lossFallsAndValidationRanksBetterThanChance() throws Exception {
        Path data = tmp.resolve("bank");
        new BankGenerator(BankConfig.of(1000, 7)).generate(data, (done, total) -> { });
        Database db = DataSources.open(data.toString()).load().database();
        Task task = Task.bind(db, MORTGAGE);
        TrainingSplits splits = task.tables(task.splitPlanner().trainAnchorCount(2).plan());
        GnnConfig config = GnnConfig.defaults().withHidden(32).withFanouts(10, 5).withBatchSize(128).withEpochs(3);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        TorchReferenceTrainer.Result result = TorchReferenceTrainer.train(db, task.query(), splits, config,
                new PrintStream(printed, true, StandardCharsets.UTF_8));

        String out = printed.toString(StandardCharsets.UTF_8);
        System.out.print(out);
        assertTrue(result.agreement().agrees(), result.agreement().toString());
        List<TorchReferenceTrainer.Epoch> epochs = result.epochs();
        assertEquals(3, epochs.size(), out);
        for (TorchReferenceTrainer.Epoch e : epochs) {
            assertEquals(splits.train().size(), e.seeds(), out);
            assertTrue(e.seconds() > 0 && e.waitSeconds() >= 0 && e.waitSeconds() <= e.seconds(), out);
        }
        assertTrue(epochs.get(2).loss() < epochs.get(0).loss(), "training loss should fall:\n" + out);
        assertTrue(result.best().valAuroc() > 0.6, "validation AUROC should beat chance:\n" + out);
        assertTrue(out.contains("epoch 3: "), out);
    }
}
