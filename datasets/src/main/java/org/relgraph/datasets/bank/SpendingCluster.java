package org.relgraph.datasets.bank;

import java.util.Set;

/**
 * A latent peer group. It never appears as a column: it shows through which merchants a customer favours and
 * which products they hold, so customers of one cluster are close in the graph (through shared products and
 * similar transaction mixes). Clusters differ in how often their members move house and how receptive they are
 * to offers, which plants signal (c): a customer's own row says nothing about it, but the behaviour of
 * similar customers does.
 */
enum SpendingCluster {
    COMMUTERS(Set.of(MerchantCategory.FUEL, MerchantCategory.UTILITIES), Set.of(Product.PERSONAL_LOAN), 0.6, 0.0),
    DINERS(Set.of(MerchantCategory.RESTAURANTS, MerchantCategory.ENTERTAINMENT), Set.of(Product.CREDIT_CARD),
            0.8, 0.1),
    ONLINE_SHOPPERS(Set.of(MerchantCategory.ONLINE_SHOPPING, MerchantCategory.RETAIL), Set.of(Product.CREDIT_CARD),
            0.9, -0.1),
    TRAVELLERS(Set.of(MerchantCategory.TRAVEL, MerchantCategory.RESTAURANTS),
            Set.of(Product.CREDIT_CARD, Product.INSURANCE), 0.5, -0.2),
    HOMEMAKERS(Set.of(MerchantCategory.HOME_IMPROVEMENT, MerchantCategory.GROCERIES), Set.of(Product.SAVINGS),
            1.6, 0.2),
    NEST_BUILDERS(Set.of(MerchantCategory.EDUCATION, MerchantCategory.GROCERIES, MerchantCategory.HEALTH),
            Set.of(Product.SAVINGS, Product.INSURANCE), 2.4, 0.4);

    /** How much more often members buy from their favourite categories. */
    static final double FAVOURITE_BOOST = 3.0;
    /** How much more likely members are to hold an affine product. */
    static final double PRODUCT_AFFINITY = 1.6;

    private final Set<MerchantCategory> favourites;
    private final Set<Product> affineProducts;
    final double houseSearchMultiplier;
    /** Added to the offer-acceptance logit of every member. */
    final double receptivenessShift;

    SpendingCluster(Set<MerchantCategory> favourites, Set<Product> affineProducts, double houseSearchMultiplier,
                    double receptivenessShift) {
        this.favourites = favourites;
        this.affineProducts = affineProducts;
        this.houseSearchMultiplier = houseSearchMultiplier;
        this.receptivenessShift = receptivenessShift;
    }

    double merchantBoost(MerchantCategory c) {
        return favourites.contains(c) ? FAVOURITE_BOOST : 1.0;
    }

    double productAffinity(Product p) {
        return affineProducts.contains(p) ? PRODUCT_AFFINITY : 1.0;
    }
}
