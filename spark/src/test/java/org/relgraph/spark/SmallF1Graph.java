package org.relgraph.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A hand-made rel-f1-shaped database for the neighbourhoods job, with every case of the sampler's time rule: static
 * tables (drivers, circuits, and driver_aliases, a static child of a static parent), timed races under static
 * circuits, results under both drivers and races; rows of equal time (driver 3's three results on 2020-01-02, the
 * last in the file with the lowest id, so file order and key order pick different ones), a result without a date
 * (never visible), results dated before their race (race 9, after the anchor 2020-03-02: the result is visible at
 * that anchor, its race is not), rows exactly at an anchor, and {@link #LEAK_RESULT}: driver 1's result
 * one second after the anchor 2020-02-01, the last row of the file, so a sampler that let a row newer than the seed
 * time through would take it first.
 */
final class SmallF1Graph {
    /** The anchors of {@link #labels}, one month apart. */
    static final String[] ANCHORS = {"2019-12-03T00:00:00Z", "2020-01-02T00:00:00Z", "2020-02-01T00:00:00Z",
        "2020-03-02T00:00:00Z"};
    /** resultId of the row one second after the anchor 2020-02-01; its file row is {@link #LEAK_ROW}. */
    static final int LEAK_RESULT = 25;
    static final long LEAK_ROW = 24;
    static final int DRIVERS = 8;

    private SmallF1Graph() {
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
                - name: driver_aliases
                  primary_key: aliasId
                  static: true
                  columns:
                    aliasId: id
                    driverId: id
                    alias: text
                  foreign_keys:
                  - column: driverId
                    references: drivers
                - name: circuits
                  primary_key: circuitId
                  static: true
                  columns:
                    circuitId: id
                    name: text
                - name: races
                  primary_key: raceId
                  time_column: date
                  columns:
                    raceId: id
                    circuitId: id
                    date: timestamp
                  foreign_keys:
                  - column: circuitId
                    references: circuits
                - name: results
                  primary_key: resultId
                  time_column: date
                  columns:
                    resultId: id
                    driverId: id
                    raceId: id
                    statusId: categorical
                    positionOrder: numerical
                    date: timestamp
                  foreign_keys:
                  - column: driverId
                    references: drivers
                  - column: raceId
                    references: races
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
        Files.writeString(dir.resolve("driver_aliases.csv"), """
                aliasId,driverId,alias
                1,1,Lew
                2,2,Seb
                3,1,LH
                4,1,Sir Lewis
                5,3,Pierre
                6,1,HAM
                """);
        Files.writeString(dir.resolve("circuits.csv"), """
                circuitId,name
                1,Silverstone
                2,Monza
                3,Spa
                """);
        Files.writeString(dir.resolve("races.csv"), """
                raceId,circuitId,date
                1,1,2019-11-20
                2,2,2019-12-03
                3,1,2019-12-20
                4,3,2020-01-02
                5,2,2020-01-10
                6,1,2020-01-20
                7,3,2020-02-01
                8,2,2020-02-15
                9,1,2020-03-05
                10,3,2020-03-20
                """);
        Files.writeString(dir.resolve("results.csv"), """
                resultId,driverId,raceId,statusId,positionOrder,date
                1,1,7,1,3,2020-02-01
                2,1,9,2,10,2020-03-01
                3,1,3,1,2,2019-12-20
                4,2,5,1,5,2020-01-10
                5,2,8,3,7,2020-02-15
                6,2,10,1,1,2020-03-20
                7,2,6,2,4,
                8,3,2,2,11,2019-12-03
                9,3,3,1,4,2019-12-20
                10,3,4,2,9,2020-01-02T00:00:00Z
                11,3,4,1,2,2020-01-02
                12,3,8,2,8,2020-02-15
                13,3,9,1,\\N,2020-03-01
                14,4,7,2,12,2020-02-01
                15,5,1,1,6,2019-11-20
                16,6,10,2,6,2020-03-20
                17,6,6,1,8,2020-01-20
                18,7,3,2,5,2019-12-20
                19,7,5,1,3,2020-01-07
                20,8,5,1,0.3,2020-01-07
                21,8,4,1,0.2,2020-01-06
                22,8,4,1,0.1,2020-01-05
                23,1,6,1,1,2020-01-20
                0,3,4,2,7,2020-01-02
                25,1,6,1,1,2020-02-01 00:00:01
                """);
        return dir;
    }

    /** Every driver at every anchor: a training table as relgraph query writes it (labels are not read). */
    static Path labels(Path file) throws IOException {
        StringBuilder csv = new StringBuilder("driverId,anchor_time,label,split\n");
        for (String anchor : ANCHORS) {
            for (int d = 1; d <= DRIVERS; d++) {
                csv.append(d).append(',').append(anchor).append(",0,train\n");
            }
        }
        Files.writeString(file, csv.toString());
        return file;
    }
}
