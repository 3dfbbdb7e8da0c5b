package org.relgraph.datasets.bank;

import java.util.SplittableRandom;

/** Draws a customer's traits. Correlations follow common sense: segment rises with age, life stage follows age. */
final class ProfileSampler {
    static final double RECENT_JOINER_SHARE = 0.08;
    static final double AGE_MISSING_RATE = 0.03;
    static final double LANDLORD_SHARE = 0.02;
    static final double SAVER_SHARE = 0.2;
    private static final double MEAN_TENURE_YEARS = 7.0;

    private static final String[] FIRST_NAMES = {"Olivia", "Noah", "Amelia", "Oliver", "Isla", "George", "Ava",
        "Arthur", "Mia", "Leo", "Ivy", "Harry", "Freya", "Oscar", "Lily", "Jack", "Grace", "Muhammad", "Sophia",
        "Theo", "Aisha", "Liam", "Priya", "Mateo", "Chloe", "Kai", "Zara", "Ethan", "Nina", "Lucas", "Elena",
        "Omar", "Hannah", "Sam", "Yuki", "Daniel", "Sara", "Tom", "Leila", "Ben"};
    private static final String[] LAST_NAMES = {"Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson",
        "Johnson", "Davies", "Patel", "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts",
        "Green", "Hall", "Khan", "Wood", "Clarke", "Jackson", "Hughes", "Lewis", "Singh", "Martin", "Cooper",
        "Hill", "Ward", "Morris", "Moore", "Clark", "Lee", "King", "Baker", "Harrison", "Nguyen", "Garcia",
        "Kowalski", "Murphy"};

    private final BankCalendar calendar;

    ProfileSampler(BankCalendar calendar) {
        this.calendar = calendar;
    }

    CustomerProfile sample(long customerId, SplittableRandom rng) {
        String name = FIRST_NAMES[rng.nextInt(FIRST_NAMES.length)] + " " + LAST_NAMES[rng.nextInt(LAST_NAMES.length)];
        int age = (int) Math.round(Math.max(18, Math.min(90, 44 + 16 * rng.nextGaussian())));
        boolean ageMissing = rng.nextDouble() < AGE_MISSING_RATE;
        LifeStage lifeStage = lifeStage(age, rng.nextDouble());
        Segment segment = segment(age, rng.nextDouble());
        SpendingCluster cluster = SpendingCluster.values()[rng.nextInt(SpendingCluster.values().length)];
        Channel preferred = preferredChannel(age, rng.nextDouble());
        double receptiveness = rng.nextGaussian();
        double txnsPerMonth = 2.4 * Math.exp(0.5 * rng.nextGaussian()) * (segment == Segment.PREMIER ? 1.2 : 1.0);
        boolean landlord = rng.nextDouble() < LANDLORD_SHARE;
        boolean saver = rng.nextDouble() < SAVER_SHARE;

        long startDay = calendar.startDay();
        long createdDay;
        int firstMonth;
        if (rng.nextDouble() < RECENT_JOINER_SHARE) {
            // Joiners arrive from month 1 on, so every one of them is absent at the first anchors.
            firstMonth = 1 + rng.nextInt(calendar.months() - 1);
            createdDay = calendar.monthStartDay(firstMonth) + rng.nextInt(calendar.daysIn(firstMonth));
        } else {
            firstMonth = 0;
            double tenureYears = -MEAN_TENURE_YEARS * Math.log(1 - rng.nextDouble());
            // Nobody opened an account before turning 18; everyone pre-existing joined at least a month early.
            tenureYears = Math.min(tenureYears, Math.max(0.1, age - 18));
            createdDay = startDay - Math.max(30, Math.round(tenureYears * 365.25));
        }

        double currentLevel = 1500 * segment.wealth * Math.exp(0.6 * rng.nextGaussian());
        double savingsStart = rng.nextDouble() < 0.15 ? 0.0
                : 4000 * segment.wealth * Math.exp(1.0 * rng.nextGaussian()) * Math.min(2.0, age / 40.0);

        double[] weights = new double[MerchantCategory.values().length];
        for (MerchantCategory c : MerchantCategory.values()) {
            weights[c.ordinal()] = c.baseWeight * cluster.merchantBoost(c) * Math.exp(0.4 * rng.nextGaussian());
        }
        if (landlord) {
            weights[MerchantCategory.REAL_ESTATE.ordinal()] *= 60;
            weights[MerchantCategory.HOME_IMPROVEMENT.ordinal()] *= 3;
        }
        return new CustomerProfile(customerId, name, age, ageMissing, lifeStage, segment, cluster, preferred,
                receptiveness, txnsPerMonth, landlord, saver, createdDay, firstMonth, currentLevel, savingsStart,
                weights);
    }

    private static LifeStage lifeStage(int age, double u) {
        if (age < 23) {
            return u < 0.7 ? LifeStage.STUDENT : LifeStage.YOUNG_PROFESSIONAL;
        } else if (age < 31) {
            return u < 0.1 ? LifeStage.STUDENT : u < 0.7 ? LifeStage.YOUNG_PROFESSIONAL : LifeStage.YOUNG_FAMILY;
        } else if (age < 46) {
            return u < 0.2 ? LifeStage.YOUNG_PROFESSIONAL : u < 0.7 ? LifeStage.YOUNG_FAMILY
                    : LifeStage.ESTABLISHED_FAMILY;
        } else if (age < 61) {
            return u < 0.6 ? LifeStage.ESTABLISHED_FAMILY : LifeStage.EMPTY_NESTER;
        } else if (age < 68) {
            return u < 0.6 ? LifeStage.EMPTY_NESTER : LifeStage.RETIRED;
        }
        return LifeStage.RETIRED;
    }

    private static Segment segment(int age, double u) {
        double premier = 0.03 + 0.0015 * (age - 18);
        double affluent = 0.14 + 0.003 * (age - 18);
        return u < premier ? Segment.PREMIER : u < premier + affluent ? Segment.MASS_AFFLUENT : Segment.MASS_MARKET;
    }

    private static Channel preferredChannel(int age, double u) {
        if (age < 35) {
            return u < 0.6 ? Channel.MOBILE_APP : u < 0.85 ? Channel.EMAIL : u < 0.93 ? Channel.CALL_CENTRE
                    : Channel.BRANCH;
        } else if (age < 60) {
            return u < 0.35 ? Channel.MOBILE_APP : u < 0.7 ? Channel.EMAIL : u < 0.85 ? Channel.CALL_CENTRE
                    : Channel.BRANCH;
        }
        return u < 0.1 ? Channel.MOBILE_APP : u < 0.35 ? Channel.EMAIL : u < 0.6 ? Channel.CALL_CENTRE
                : Channel.BRANCH;
    }
}
