package org.relgraph.datasets.bank;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.relgraph.io.AtomicRename;
import org.relgraph.io.OutputFolder;
import org.relgraph.schema.SchemaYaml;

/**
 * Generates the synthetic retail-bank database: CUSTOMERS, TRANSACTIONS, ACCOUNT_BALANCES, PRODUCT_HOLDINGS,
 * PRODUCT_CATALOG and INTERACTION_HISTORY, plus {@code schema.yaml}, into one folder.
 *
 * <h2>Simulation</h2>
 * Customers are simulated one at a time, month by month, each with its own random stream derived from
 * (seed, customer index). A latent house search ({@link HouseSearchProcess}) starts for some customers: during it,
 * real-estate / moving / furniture / home-improvement transactions rise; serious searchers then save for a deposit
 * (savings balance trend rises from the month after the search starts), and their monthly mortgage hazard peaks
 * 2–5 months into the search. Offers arrive through channels each month and are accepted with a probability set by
 * segment, a latent preferred channel, recent behaviour (travel spend for cards, home spend for loans...) and past
 * responses (fatigue after declines, warmth after acceptances). Mortgage offers do not drive the mortgage: they
 * record the channel of a decision already drawn from the latent hazard, which keeps the oracle exact.
 *
 * <h2>Planted signals for "opens a Mortgage in the 6 months after T"</h2>
 * <ol type="a">
 * <li>Customer row alone: life stage (Young Family ×2.0, Young Professional ×1.6 ... Retired ×0.15) and segment
 * (Mass Affluent ×1.4) scale the house-search hazard; customers already holding a mortgage are not eligible.</li>
 * <li>Recent aggregate of one child table: the count of real-estate (and moving, furniture) transactions in the
 * last 60 days — 1.1 to 1.4 extra home-related transactions a month while searching. Landlords (2 %) buy from
 * real-estate merchants without any intent, so the signal is strong but not clean.</li>
 * <li>Across tables and in temporal order: (1) the savings trend in ACCOUNT_BALANCES rising after a real-estate
 * burst in TRANSACTIONS marks a serious search (the hazard is high), a burst without it marks browsing (low);
 * "savers" (20 %) raise their savings trend with no intent, so neither table alone separates the two. (2) A latent
 * peer cluster, visible only through merchant mix and product holdings shared with similar customers, scales the
 * house-search hazard from ×0.5 to ×2.4 and shifts offer acceptance.</li>
 * </ol>
 * The lift each signal gives, measured on generated files, is in {@code datasets/README.md}.
 *
 * <h2>Realism</h2>
 * 3 % missing ages, 1.5 % missing balances, trend_3mo null during the first three months of a customer; log-normal
 * amounts; 8 % of customers join during the history and start with no rows (cold start); December and summer
 * seasonality; mortgage positives are a few percent per 6 months.
 *
 * <h2>Time columns</h2>
 * CUSTOMERS has {@code created_at} (the join date; before the start date for pre-existing customers) so recent
 * joiners do not exist at earlier anchors; products_held and tenure_years are as at the customer's first
 * appearance (start date or join date), never later. PRODUCT_CATALOG is static.
 *
 * <h2>Output</h2>
 * Everything is written into {@code <out>.tmp-XXXX} beside the target, then renamed to {@code <out>}; a failed run
 * leaves no folder at {@code <out>}. Rows stream to disk customer by customer: memory does not grow with size.
 */
public final class BankGenerator {
    /**
     * Changes whenever the same config generates different rows, so caches of generated banks (the benchmark
     * suite's) are not reused across versions. 2: products open the day after their offer is accepted.
     */
    public static final int OUTPUT_VERSION = 2;

    private static final int PROGRESS_STEPS = 1000;

    private final BankConfig config;

    public BankGenerator(BankConfig config) {
        this.config = config;
    }

    public BankConfig config() {
        return config;
    }

    public GenerationReport generate(Path out) throws IOException {
        return generate(out, ProgressListener.NONE);
    }

    /**
     * Writes the dataset to {@code out}, which must not exist or be an empty folder.
     *
     * @throws FileAlreadyExistsException if {@code out} is a non-empty folder or a file
     */
    public GenerationReport generate(Path out, ProgressListener progress) throws IOException {
        long started = System.nanoTime();
        Path target = out.toAbsolutePath().normalize();
        refuseExisting(target);
        Path parent = target.getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempDirectory(parent, target.getFileName() + ".tmp-");
        try {
            Map<BankTable, Long> counts = writeTables(tmp, progress);
            if (config.format() == OutputFormat.PARQUET) {
                ParquetConverter.convert(tmp, config.gzip());
            }
            SchemaYaml.write(BankTable.schema(config.format(), config.format() == OutputFormat.CSV
                    && config.gzip()), tmp.resolve(SchemaYaml.FILE_NAME));
            refuseExisting(target);
            Files.deleteIfExists(target);
            AtomicRename.move(tmp, target);
            return new GenerationReport(target, counts, Duration.ofNanos(System.nanoTime() - started));
        } catch (IOException | RuntimeException e) {
            try {
                OutputFolder.deleteRecursively(tmp);
            } catch (IOException leftover) {
                // The failure being reported matters more than a leftover temporary folder.
                e.addSuppressed(leftover);
            }
            throw e;
        }
    }

    private Map<BankTable, Long> writeTables(Path folder, ProgressListener progress) throws IOException {
        BankCalendar calendar = new BankCalendar(config.startDate(), config.months());
        CustomerSimulator simulator = new CustomerSimulator(config, calendar, new HouseSearchProcess());
        long total = config.customers();
        long step = Math.max(1, total / PROGRESS_STEPS);
        try (CsvBankWriter writer = new CsvBankWriter(folder, config.gzip())) {
            for (Product p : Product.values()) {
                writer.catalogEntry(p);
            }
            for (long i = 0; i < total; i++) {
                simulator.simulate(i, writer);
                if ((i + 1) % step == 0 && i + 1 < total) {
                    progress.onProgress(i + 1, total);
                }
            }
            progress.onProgress(total, total);
            return writer.rowCounts();
        }
    }

    private static void refuseExisting(Path target) throws IOException {
        if (Files.isDirectory(target)) {
            try (Stream<Path> entries = Files.list(target)) {
                if (entries.findAny().isEmpty()) {
                    return;
                }
            }
            throw new FileAlreadyExistsException(target.toString(), null, "output folder exists and is not empty");
        }
        if (Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString(), null, "output path exists and is a file");
        }
    }

}
