package org.relgraph.datasets.bank;

import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Simulates one customer month by month and sends the rows to a sink. Each customer has its own random stream,
 * derived from (seed, customer index) alone, so a customer's rows do not depend on batching, threads or how many
 * customers come before it.
 *
 * <p>Within a month the order is: latent search state moves on; the mortgage decision is drawn from
 * {@link HouseSearchProcess#mortgageHazard}; transactions; offers (and the products they open); month-end balances.
 */
final class CustomerSimulator {
    private static final int MAX_TXNS_PER_MONTH = 255;
    private static final long THIRTY_DAYS_SECONDS = 30 * BankCalendar.SECONDS_PER_DAY;
    /**
     * Offers are accepted during the day (8:00–20:00) but holdings carry a date (midnight). Opening the product the
     * next day keeps a holding from predating the acceptance that caused it; dated on the acceptance's own day, it
     * would be visible to a model at an anchor that same midnight while the acceptance itself is still a label.
     */
    private static final int OPENS_DAYS_AFTER_ACCEPTANCE = 1;
    static final double OFFERS_PER_MONTH = 0.45;
    static final double BALANCE_MISSING_RATE = 0.015;

    private static final MerchantCategory[] SEARCH_CATEGORIES = {MerchantCategory.REAL_ESTATE,
        MerchantCategory.MOVING, MerchantCategory.FURNITURE, MerchantCategory.HOME_IMPROVEMENT};
    private static final double[] SEARCH_CATEGORY_WEIGHTS = {0.5, 0.1, 0.15, 0.25};
    private static final MerchantCategory[] MOVE_CATEGORIES = {MerchantCategory.MOVING, MerchantCategory.FURNITURE,
        MerchantCategory.HOME_IMPROVEMENT};
    private static final double[] MOVE_CATEGORY_WEIGHTS = {0.4, 0.35, 0.25};
    /** How often the bank puts each product in front of a customer who does not hold it. */
    private static final double[] OFFER_WEIGHTS = {0.15, 0.25, 0.15, 0.15, 0.15, 0.15};

    private static final Product[] PRODUCTS = Product.values();
    private static final Channel[] CHANNELS = Channel.values();
    private static final MerchantCategory[] CATEGORIES = MerchantCategory.values();

    private final BankCalendar calendar;
    private final long seed;
    private final ProfileSampler profiles;
    private final HouseSearchProcess search;

    CustomerSimulator(BankConfig config, BankCalendar calendar, HouseSearchProcess search) {
        this.calendar = calendar;
        this.seed = config.seed();
        this.profiles = new ProfileSampler(calendar);
        this.search = search;
    }

    /** SplitMix64 finaliser of (seed, index): well-spread seeds even for consecutive indices. */
    static long streamSeed(long seed, long index) {
        long z = seed * 0x9E3779B97F4A7C15L + index + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Customer {@code index} (0-based) gets id {@code index + 1}. */
    CustomerTimeline simulate(long index, BankRowSink sink) throws IOException {
        SplittableRandom rng = new SplittableRandom(streamSeed(seed, index));
        CustomerProfile profile = profiles.sample(index + 1, rng);
        return new Run(profile, rng, sink).execute();
    }

    /** Mutable state of one customer's simulation. */
    private final class Run {
        private final CustomerProfile p;
        private final SplittableRandom rng;
        private final BankRowSink sink;
        private final long id;
        private final int months = calendar.months();
        private final boolean[] held = new boolean[PRODUCTS.length];
        private final SearchState[] stateAtStart = new SearchState[months + 1];
        private final int[] travelTxns = new int[months];
        private final int[] homeTxns = new int[months];
        private final double[] current = new double[months];
        private final double[] savingsHistory = new double[months];
        private final double[] investmentHistory = new double[months];
        private final double wealthSpend;
        private long[] recentTimes = new long[64];
        private int recentHead;
        private int recentTail;
        private boolean mortgageAtStart;
        private int mortgageOpenMonth = -1;
        private double savings;
        private double investment;
        private int saverBurstLeft;
        private double fatigue;
        private boolean acceptedBefore;

        Run(CustomerProfile p, SplittableRandom rng, BankRowSink sink) {
            this.p = p;
            this.rng = rng;
            this.sink = sink;
            this.id = p.customerId();
            this.savings = p.savingsStart();
            this.wealthSpend = Math.pow(p.segment().wealth, 0.3);
            Arrays.fill(investmentHistory, Double.NaN);
        }

        CustomerTimeline execute() throws IOException {
            openInitialHoldings();
            SearchState state = SearchState.NONE;
            for (int m = 0; m < months; m++) {
                stateAtStart[m] = state;
                state = search.advance(state, p, rng);
                if (m < p.firstMonth()) {
                    continue;
                }
                boolean customerAllMonth = m > p.firstMonth() || !p.joinedDuringHistory(calendar.startDay());
                boolean opensMortgage = customerAllMonth && !held[Product.MORTGAGE.ordinal()]
                        && rng.nextDouble() < search.mortgageHazard(p, state);
                if (opensMortgage) {
                    mortgageOpenMonth = m;
                }
                transactions(m, state);
                long acceptedMortgageDay = customerAllMonth ? offers(m, opensMortgage) : -1;
                if (opensMortgage) {
                    long day = acceptedMortgageDay >= 0 ? acceptedMortgageDay + OPENS_DAYS_AFTER_ACCEPTANCE
                            : calendar.monthStartDay(m) + rng.nextInt(calendar.daysIn(m));
                    held[Product.MORTGAGE.ordinal()] = true;
                    sink.holding(id, Product.MORTGAGE, HoldingStatus.ACTIVE, day);
                }
                balances(m, state, opensMortgage);
            }
            stateAtStart[months] = state;
            return new CustomerTimeline(p, mortgageAtStart, mortgageOpenMonth, stateAtStart);
        }

        private void openInitialHoldings() throws IOException {
            long startDay = calendar.startDay();
            boolean joiner = p.joinedDuringHistory(startDay);
            Product[] products = PRODUCTS;
            long[] openDay = new long[products.length];
            HoldingStatus[] status = new HoldingStatus[products.length];
            int active = 0;
            for (Product product : products) {
                double chance = Math.min(0.95, initialHoldingChance(product) * p.cluster().productAffinity(product)
                        * (joiner ? 0.4 : 1.0));
                boolean has = rng.nextDouble() < chance;
                long day = joiner ? p.createdEpochDay()
                        : p.createdEpochDay() + rng.nextLong(Math.max(1, startDay - p.createdEpochDay()));
                boolean closed = !joiner && rng.nextDouble() < 0.12;
                if (has) {
                    openDay[product.ordinal()] = day;
                    status[product.ordinal()] = closed ? HoldingStatus.CLOSED : HoldingStatus.ACTIVE;
                    if (!closed) {
                        held[product.ordinal()] = true;
                        active++;
                    }
                }
            }
            mortgageAtStart = held[Product.MORTGAGE.ordinal()];
            double tenure = joiner ? 0.0 : (startDay - p.createdEpochDay()) / 365.25;
            sink.customer(id, p.name(), p.ageMissing() ? -1 : p.age(), p.segment(), p.lifeStage(), active, tenure,
                    p.createdEpochDay());
            for (Product product : products) {
                if (status[product.ordinal()] != null) {
                    sink.holding(id, product, status[product.ordinal()], openDay[product.ordinal()]);
                }
            }
        }

        private double initialHoldingChance(Product product) {
            int age = p.age();
            return switch (product) {
                case MORTGAGE -> (age < 25 ? 0.02 : age < 35 ? 0.25 : age < 55 ? 0.45 : age < 65 ? 0.35 : 0.15)
                        * (p.segment() == Segment.MASS_MARKET ? 0.8 : 1.25);
                case CREDIT_CARD -> 0.45;
                case PERSONAL_LOAN -> 0.12;
                case SAVINGS -> 0.5;
                case INVESTMENT_ACCOUNT -> switch (p.segment()) {
                    case MASS_MARKET -> 0.04;
                    case MASS_AFFLUENT -> 0.2;
                    case PREMIER -> 0.45;
                };
                case INSURANCE -> 0.2;
            };
        }

        private void transactions(int m, SearchState state) throws IOException {
            long monthStart = calendar.monthStartDay(m);
            long fromDay = Math.max(monthStart, p.createdEpochDay());
            int activeDays = (int) (calendar.lastDay(m) - fromDay + 1);
            double fraction = activeDays / (double) calendar.daysIn(m);
            int monthOfYear = calendar.monthOfYear(m);

            double[] weights = p.categoryWeights().clone();
            double season = 1.0;
            if (monthOfYear == 12) {
                season = 1.35;
                weights[MerchantCategory.RETAIL.ordinal()] *= 2.0;
                weights[MerchantCategory.ONLINE_SHOPPING.ordinal()] *= 1.8;
            } else if (monthOfYear == 11) {
                season = 1.1;
            } else if (monthOfYear == 7 || monthOfYear == 8) {
                season = 1.15;
                weights[MerchantCategory.TRAVEL.ordinal()] *= 3.0;
            } else if (monthOfYear == 1) {
                season = 0.85;
            }
            double total = 0;
            for (double w : weights) {
                total += w;
            }

            int ordinary = Distributions.poisson(rng, p.txnsPerMonth() * season * fraction);
            double searchMean = state.phase() == SearchState.Phase.SERIOUS && state.monthsIn() < 6 ? 1.4
                    : state.phase() == SearchState.Phase.BROWSING ? 1.1 : 0.0;
            int searchTxns = Distributions.poisson(rng, searchMean * fraction);
            boolean moving = mortgageOpenMonth >= 0 && m - mortgageOpenMonth <= 2;
            int moveTxns = moving ? Distributions.poisson(rng, 1.5 * fraction) : 0;
            int n = Math.min(MAX_TXNS_PER_MONTH, ordinary + searchTxns + moveTxns);

            long[] keys = new long[n];
            MerchantCategory[] categories = new MerchantCategory[n];
            double[] amounts = new double[n];
            for (int i = 0; i < n; i++) {
                MerchantCategory c;
                if (i < ordinary) {
                    c = CATEGORIES[Distributions.categorical(rng, weights, total)];
                } else if (i < ordinary + searchTxns) {
                    c = SEARCH_CATEGORIES[Distributions.categorical(rng, SEARCH_CATEGORY_WEIGHTS, 1.0)];
                } else {
                    c = MOVE_CATEGORIES[Distributions.categorical(rng, MOVE_CATEGORY_WEIGHTS, 1.0)];
                }
                categories[i] = c;
                amounts[i] = Math.max(0.5, Distributions.logNormal(rng, c.medianAmount * wealthSpend, c.amountSigma));
                long second = (fromDay + rng.nextInt(activeDays)) * BankCalendar.SECONDS_PER_DAY
                        + 7 * 3600 + rng.nextInt(16 * 3600);
                // Low byte carries the draw index so sorting the keys sorts the draws by time, stably.
                keys[i] = (second << 8) | i;
                if (c == MerchantCategory.TRAVEL) {
                    travelTxns[m]++;
                } else if (c == MerchantCategory.FURNITURE || c == MerchantCategory.HOME_IMPROVEMENT) {
                    homeTxns[m]++;
                }
            }
            Arrays.sort(keys);
            for (long key : keys) {
                int i = (int) (key & 0xFF);
                long second = key >>> 8;
                sink.transaction(id, categories[i], amounts[i], countInLast30Days(second), second);
            }
        }

        /** Transactions of this customer in the 30 days before {@code second}; then remembers this one. */
        private int countInLast30Days(long second) {
            while (recentHead < recentTail && recentTimes[recentHead] < second - THIRTY_DAYS_SECONDS) {
                recentHead++;
            }
            int count = recentTail - recentHead;
            if (recentTail == recentTimes.length) {
                if (recentHead > 0) {
                    System.arraycopy(recentTimes, recentHead, recentTimes, 0, count);
                } else {
                    recentTimes = Arrays.copyOf(recentTimes, recentTimes.length * 2);
                }
                recentHead = 0;
                recentTail = count;
            }
            recentTimes[recentTail++] = second;
            return count;
        }

        /** Draws this month's offers; returns the day a Mortgage offer was accepted, or -1. */
        private long offers(int m, boolean opensMortgage) throws IOException {
            double rate = OFFERS_PER_MONTH * switch (p.segment()) {
                case MASS_MARKET -> 0.9;
                case MASS_AFFLUENT -> 1.1;
                case PREMIER -> 1.3;
            };
            int n = Math.min(3, Distributions.poisson(rng, rate));
            long mortgageDay = -1;
            double[] weights = new double[OFFER_WEIGHTS.length];
            for (int k = 0; k < n; k++) {
                double total = 0;
                for (Product product : PRODUCTS) {
                    boolean eligible = !held[product.ordinal()] && (product != Product.INVESTMENT_ACCOUNT
                            || p.segment() != Segment.MASS_MARKET);
                    weights[product.ordinal()] = eligible ? OFFER_WEIGHTS[product.ordinal()] : 0.0;
                    total += weights[product.ordinal()];
                }
                if (total == 0) {
                    return mortgageDay;
                }
                Product offer = PRODUCTS[Distributions.categorical(rng, weights, total)];
                Channel channel = bankChannel();
                // Not on the month's last day: a product accepted then would open in the next month (or after the
                // history), out of step with the month the mortgage hazard drew it for.
                long day = calendar.monthStartDay(m) + rng.nextInt(calendar.daysIn(m) - OPENS_DAYS_AFTER_ACCEPTANCE);
                long second = day * BankCalendar.SECONDS_PER_DAY + 8 * 3600 + rng.nextInt(12 * 3600);
                double u = rng.nextDouble();
                double ignoreU = rng.nextDouble();
                boolean accepted;
                if (offer == Product.MORTGAGE) {
                    // The mortgage decision was drawn from the latent hazard; an offer only records how it arrived.
                    accepted = opensMortgage && mortgageDay < 0;
                    if (accepted) {
                        mortgageDay = day;
                    }
                } else {
                    accepted = u < acceptance(offer, channel, m);
                    if (accepted) {
                        held[offer.ordinal()] = true;
                        sink.holding(id, offer, HoldingStatus.ACTIVE, day + OPENS_DAYS_AFTER_ACCEPTANCE);
                    }
                }
                Outcome outcome;
                if (accepted) {
                    outcome = Outcome.ACCEPTED;
                    fatigue *= 0.5;
                    acceptedBefore = true;
                } else {
                    outcome = ignoreU < ignoreRate(channel) ? Outcome.IGNORED : Outcome.DECLINED;
                    fatigue += 1;
                }
                sink.interaction(id, channel, offer, outcome, second);
            }
            fatigue *= 0.85;
            return mortgageDay;
        }

        private Channel bankChannel() {
            double u = rng.nextDouble();
            for (Channel c : CHANNELS) {
                u -= c.bankShare;
                if (u < 0) {
                    return c;
                }
            }
            return Channel.CALL_CENTRE;
        }

        private double ignoreRate(Channel channel) {
            double base = switch (channel) {
                case EMAIL -> 0.75;
                case MOBILE_APP -> 0.6;
                case BRANCH, CALL_CENTRE -> 0.25;
            };
            return channel == p.preferredChannel() ? base * 0.5 : base;
        }

        /** Probability of accepting a non-mortgage offer: segment, channel fit, recent behaviour, past responses. */
        private double acceptance(Product offer, Channel channel, int m) {
            double logit = -2.8;
            logit += switch (p.segment()) {
                case MASS_MARKET -> 0.0;
                case MASS_AFFLUENT -> 0.2;
                case PREMIER -> 0.3;
            };
            logit += channel == p.preferredChannel() ? 1.4 : -0.2;
            logit += 0.7 * p.receptiveness() + p.cluster().receptivenessShift;
            logit += relevance(offer, m);
            logit -= 0.6 * Math.min(fatigue, 3.0);
            logit += acceptedBefore ? 0.5 : 0.0;
            return 1.0 / (1.0 + Math.exp(-logit));
        }

        private double relevance(Product offer, int m) {
            int previous = Math.max(0, m - 1);
            return switch (offer) {
                case CREDIT_CARD -> travelTxns[m] + travelTxns[previous] > 0 ? 0.8 : 0.0;
                case PERSONAL_LOAN -> homeTxns[m] + homeTxns[previous] > 0 ? 0.9 : 0.0;
                case SAVINGS -> saverBurstLeft > 0 ? 0.6 : 0.0;
                case INVESTMENT_ACCOUNT -> savings > 30_000 ? 0.8 : 0.0;
                case INSURANCE -> mortgageOpenMonth >= 0 && m - mortgageOpenMonth <= 3 ? 1.2 : 0.0;
                case MORTGAGE -> 0.0;
            };
        }

        private void balances(int m, SearchState state, boolean openedMortgage) throws IOException {
            int monthOfYear = calendar.monthOfYear(m);
            double wealth = p.segment().wealth;
            double level = p.currentBalanceLevel() * (monthOfYear == 12 ? 0.75 : monthOfYear == 1 ? 0.85 : 1.0);
            current[m] = Distributions.logNormal(rng, level, 0.3);
            if (rng.nextDouble() < 0.03) {
                current[m] = -Distributions.logNormal(rng, 300, 0.8);
            }

            double contribution = 0.004 * savings + Distributions.logNormal(rng, 80 * wealth, 0.5);
            if (p.saver()) {
                if (saverBurstLeft == 0 && rng.nextDouble() < 0.08) {
                    saverBurstLeft = 3 + rng.nextInt(3);
                }
                if (saverBurstLeft > 0) {
                    contribution += Distributions.logNormal(rng, 900 * wealth, 0.4);
                    saverBurstLeft--;
                }
            }
            // Serious buyers save for a deposit from the month after their search starts: the savings trend
            // follows the real-estate burst, which is the cross-table, temporal signal.
            if (state.phase() == SearchState.Phase.SERIOUS && state.monthsIn() >= 1) {
                contribution += Distributions.logNormal(rng, 1200 * wealth, 0.3);
            }
            savings += contribution;
            if (rng.nextDouble() < 0.06) {
                savings *= 0.5 + 0.3 * rng.nextDouble();
            }
            if (openedMortgage) {
                savings *= 0.35;
            }
            savingsHistory[m] = savings;

            if (held[Product.INVESTMENT_ACCOUNT.ordinal()]) {
                investment = investment == 0 ? Distributions.logNormal(rng, 5000 * wealth, 0.8)
                        : investment * Math.exp(0.004 + 0.03 * rng.nextGaussian());
                investmentHistory[m] = investment;
            }

            long day = calendar.lastDay(m);
            emitBalance(AccountType.CURRENT, current, m, day);
            emitBalance(AccountType.SAVINGS, savingsHistory, m, day);
            if (held[Product.INVESTMENT_ACCOUNT.ordinal()]) {
                emitBalance(AccountType.INVESTMENT, investmentHistory, m, day);
            }
        }

        private void emitBalance(AccountType type, double[] history, int m, long day) throws IOException {
            double trend = Double.NaN;
            if (m - 3 >= p.firstMonth() && !Double.isNaN(history[m - 3])) {
                trend = (history[m] - history[m - 3]) / Math.max(Math.abs(history[m - 3]), 100.0);
            }
            double shown = rng.nextDouble() < BALANCE_MISSING_RATE ? Double.NaN : history[m];
            sink.balance(id, type, shown, trend, day);
        }
    }
}
