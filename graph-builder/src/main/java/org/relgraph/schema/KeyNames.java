package org.relgraph.schema;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Naming conventions for keys: {@code customer_id}, {@code customerId}, {@code CustomerID} and {@code id}
 * in table {@code customers} all name the customers key. Names are compared after {@link #normalize}.
 */
final class KeyNames {
    private KeyNames() {
    }

    /** Lower case without separators: "Customer_ID" → "customerid". */
    static String normalize(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    /**
     * The table name and its likely singulars, normalized: customers → customers, customer;
     * categories → category; addresses → address; status → status (no "statu"); product_holdings →
     * productholdings, productholding, holdings, holding.
     */
    static Set<String> tableForms(String table) {
        Set<String> forms = new LinkedHashSet<>(wordForms(normalize(table)));
        // product_holdings is keyed by holding_id: the last word names the entity
        String[] words = table.split("_|(?<=[a-z])(?=[A-Z])");
        if (words.length > 1) {
            forms.addAll(wordForms(normalize(words[words.length - 1])));
        }
        return forms;
    }

    private static Set<String> wordForms(String t) {
        Set<String> forms = new LinkedHashSet<>();
        forms.add(t);
        if (t.endsWith("ies") && t.length() > 4) {
            forms.add(t.substring(0, t.length() - 3) + "y");
        }
        if (t.endsWith("sses") || t.endsWith("xes") || t.endsWith("ches") || t.endsWith("shes")
                || t.endsWith("uses")) {
            forms.add(t.substring(0, t.length() - 2));
        }
        if (t.endsWith("s") && !t.endsWith("ss") && !t.endsWith("us") && !t.endsWith("is") && t.length() > 2) {
            forms.add(t.substring(0, t.length() - 1));
        }
        return forms;
    }

    /** Column names that would be this table's own key: id, customer_id, customers_id, customerId, … */
    static boolean isOwnKeyName(String column, String table) {
        String c = normalize(column);
        if (c.equals("id")) {
            return true;
        }
        for (String form : tableForms(table)) {
            if (c.equals(form + "id")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a column of another table names {@code parentTable}'s key {@code parentKey}: the same key name
     * (accounts.customer_id → customers.customer_id), or, when the parent's key is a bare "id", the parent's
     * name plus id (accounts.customer_id → customers.id).
     */
    static boolean refersTo(String column, String parentTable, String parentKey) {
        String c = normalize(column);
        String k = normalize(parentKey);
        if (!k.equals("id")) {
            return c.equals(k);
        }
        for (String form : tableForms(parentTable)) {
            if (c.equals(form + "id")) {
                return true;
            }
        }
        return false;
    }
}
