package org.relgraph.benchmarks.suite;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** PNG charts for the report, rendered headless with XChart. */
final class BenchCharts {
    private BenchCharts() {
    }

    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** Cumulative gains on test: share of positives captured against share of entities contacted, per model. */
    static void gains(Path file, BenchTask task, List<ModelRun> runs) throws IOException {
        XYChart chart = new XYChartBuilder().width(720).height(480).title(task.title() + " — cumulative gains (test)")
                .xAxisTitle("share of entities contacted (best scores first)").yAxisTitle("share of positives captured")
                .build();
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
        chart.addSeries("random", new double[] {0, 1}, new double[] {0, 1}).setMarker(SeriesMarkers.NONE);
        for (ModelRun r : runs) {
            if (!r.ok() || r.gains().isEmpty()) {
                continue;
            }
            double[] x = r.gains().stream().mapToDouble(p -> p[0]).toArray();
            double[] y = r.gains().stream().mapToDouble(p -> p[1]).toArray();
            chart.addSeries(r.model(), x, y).setMarker(SeriesMarkers.NONE);
        }
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /** The headline test metric per model, with published reference numbers as extra bars. */
    static void metricBars(Path file, BenchTask task, List<ModelRun> runs, Double oracle) throws IOException {
        List<String> names = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (ModelRun r : runs) {
            Double v = r.ok() ? r.test().get(task.metric()) : null;
            if (v != null && !v.isNaN()) {
                names.add(r.model());
                values.add(v);
            }
        }
        task.published().forEach((source, v) -> {
            names.add(source);
            values.add(v);
        });
        if (oracle != null) {
            names.add("oracle");
            values.add(oracle);
        }
        if (names.isEmpty()) {
            return;
        }
        CategoryChart chart = new CategoryChartBuilder().width(720).height(420)
                .title(task.title() + " — test " + task.metric() + (task.lowerIsBetter() ? " (lower is better)" : ""))
                .yAxisTitle(task.metric()).build();
        chart.getStyler().setLegendVisible(false);
        chart.addSeries(task.metric(), names, values);
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
