package org.relgraph.datasets.bank;

import java.time.LocalDate;

/** The simulated time axis: month {@code m} runs from {@code startDate + m months} (inclusive) to the next. */
final class BankCalendar {
    static final long SECONDS_PER_DAY = 86_400;

    private final long[] monthStartDay;
    private final int[] monthOfYear;

    BankCalendar(LocalDate startDate, int months) {
        monthStartDay = new long[months + 1];
        monthOfYear = new int[months];
        for (int m = 0; m <= months; m++) {
            LocalDate d = startDate.plusMonths(m);
            monthStartDay[m] = d.toEpochDay();
            if (m < months) {
                monthOfYear[m] = d.getMonthValue();
            }
        }
    }

    int months() {
        return monthOfYear.length;
    }

    long startDay() {
        return monthStartDay[0];
    }

    /** The day after the last simulated day. */
    long endDay() {
        return monthStartDay[monthOfYear.length];
    }

    long monthStartDay(int m) {
        return monthStartDay[m];
    }

    int daysIn(int m) {
        return (int) (monthStartDay[m + 1] - monthStartDay[m]);
    }

    long lastDay(int m) {
        return monthStartDay[m + 1] - 1;
    }

    /** 1 = January ... 12 = December. */
    int monthOfYear(int m) {
        return monthOfYear[m];
    }

    /** The month containing {@code epochDay}, or -1 if it is before the start. */
    int monthOf(long epochDay) {
        if (epochDay < monthStartDay[0]) {
            return -1;
        }
        for (int m = 0; m < monthOfYear.length; m++) {
            if (epochDay < monthStartDay[m + 1]) {
                return m;
            }
        }
        return monthOfYear.length;
    }
}
