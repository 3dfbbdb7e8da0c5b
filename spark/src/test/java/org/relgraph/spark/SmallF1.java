package org.relgraph.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A hand-made F1-like database for the rel-f1 query shape (a population condition, history filters) and the
 * leakage boundary: drivers (static) and their results, several exactly at an anchor or at anchor + 30 days of
 * the split {@link #SPLIT}, a driver without a nationality, and one whose results the file lists newest first: train anchors 2019-12-03 and 2020-01-02, val 2020-02-01, test 2020-03-02.
 */
final class SmallF1 {
    static final String DNF = "PREDICT BOOL(results.statusId != '1', 0, 30, days) FOR EACH drivers.driverId "
            + "WHERE COUNT(results.*, 0, 30, days) > 0";
    static final String[] SPLIT = {"--val-time", "2020-02-01", "--test-time", "2020-03-02", "--train-anchors", "2"};

    private SmallF1() {
    }

    static Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("schema.yaml"), """
                tables:
                - name: drivers
                  primary_key: driverId
                  static: true
                  columns:
                    driverId: id
                    nationality: categorical
                - name: results
                  primary_key: resultId
                  time_column: date
                  columns:
                    resultId: id
                    driverId: id
                    statusId: categorical
                    positionOrder: numerical
                    date: timestamp
                  foreign_keys:
                  - column: driverId
                    references: drivers
                """);
        Files.writeString(dir.resolve("drivers.csv"), """
                driverId,nationality
                1,British
                2,German
                3,French
                4,British
                5,German
                6,Italian
                7,
                8,Spanish
                """);
        Files.writeString(dir.resolve("results.csv"), """
                resultId,driverId,statusId,positionOrder,date
                1,1,1,3,2020-02-01
                2,1,2,10,2020-03-02 00:00:00
                3,1,1,2,2019-12-20
                4,2,1,5,2020-01-15
                5,2,3,7,2020-02-10
                6,2,1,1,2020-03-20
                7,2,2,4,
                8,3,2,11,2019-12-03
                9,3,1,4,2019-12-10
                10,3,2,9,2020-01-02T00:00:00Z
                11,3,1,2,2020-02-15
                12,3,2,8,2020-03-10
                13,3,1,\\N,2020-03-31
                14,4,2,12,2020-02-01
                15,5,1,6,2019-11-20
                16,6,2,6,2020-04-01
                17,6,1,8,2020-01-20
                18,7,2,5,2019-12-25
                19,7,1,3,2020-01-10
                20,8,1,0.3,2020-01-07
                21,8,1,0.2,2020-01-06
                22,8,1,0.1,2020-01-05
                """);
        return dir;
    }

    /**
     * {@link #write}'s database with statuses named as rel-f1's status table names them (1 Finished, 2 Retired, 3
     * Accident: first seen in that order, so the loader's dictionary codes are 0, 1, 2, while sorted they would be 1,
     * 2, 0) and three more results in the train window (2020-01-02, 2020-02-01]: driver 5's two results of the same
     * time (Retired listed before Finished, so FIRST is Retired and LAST Finished) and driver 6's result without a
     * status after its Finished one (LAST skips it). Keys stay in file order, so a key-ordered source lists the same
     * rows in the same order.
     */
    static Path writeWithStatusNames(Path dir) throws IOException {
        write(dir);
        List<String> results = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("results.csv"))) {
            String[] f = line.split(",", -1);
            f[2] = switch (f[2]) {
                case "1" -> "Finished";
                case "2" -> "Retired";
                case "3" -> "Accident";
                default -> f[2];
            };
            results.add(String.join(",", f));
        }
        results.addAll(List.of("23,5,Retired,9,2020-01-20", "24,5,Finished,10,2020-01-20", "25,6,,5,2020-01-25"));
        Files.writeString(dir.resolve("results.csv"), String.join("\n", results) + "\n");
        return dir;
    }

    /**
     * The same database with rel-f1's raw layout: results have no date of their own but a race ({@code time_from:
     * raceId}), and races carry the dates (one race per distinct date of {@link #write}, numbered in order of first
     * appearance). The result without a date has no race (a null key), so it gets no time, as before. Every result
     * keeps its time, so labels equal those of {@link #write}.
     */
    static Path writeWithRaces(Path dir) throws IOException {
        Path flat = write(dir.resolveSibling(dir.getFileName() + "-flat"));
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("drivers.csv"), Files.readString(flat.resolve("drivers.csv")));
        Map<String, Integer> races = new LinkedHashMap<>();
        List<String> results = new ArrayList<>(List.of("resultId,driverId,statusId,positionOrder,raceId"));
        for (String line : Files.readAllLines(flat.resolve("results.csv")).subList(1, 23)) {
            String[] f = line.split(",", -1);
            String race = f[4].isEmpty() ? "" : "" + races.computeIfAbsent(f[4], d -> 100 + races.size());
            results.add(String.join(",", f[0], f[1], f[2], f[3], race));
        }
        StringBuilder raceRows = new StringBuilder("raceId,date\n");
        races.forEach((date, id) -> raceRows.append(id).append(',').append(date).append('\n'));
        Files.writeString(dir.resolve("races.csv"), raceRows);
        Files.writeString(dir.resolve("results.csv"), String.join("\n", results) + "\n");
        Files.writeString(dir.resolve("schema.yaml"), """
                tables:
                - name: drivers
                  primary_key: driverId
                  static: true
                  columns:
                    driverId: id
                    nationality: categorical
                - name: races
                  primary_key: raceId
                  time_column: date
                  columns:
                    raceId: id
                    date: timestamp
                - name: results
                  primary_key: resultId
                  time_from: raceId
                  columns:
                    resultId: id
                    driverId: id
                    statusId: categorical
                    positionOrder: numerical
                    raceId: id
                  foreign_keys:
                  - column: driverId
                    references: drivers
                  - column: raceId
                    references: races
                """);
        return dir;
    }
}
