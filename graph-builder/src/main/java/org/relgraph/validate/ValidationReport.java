package org.relgraph.validate;

import java.util.ArrayList;
import java.util.List;

/** What validation found, in the order it was found. */
public final class ValidationReport {
    private final List<Problem> problems = new ArrayList<>();

    /** Public for checkers outside this package (the Spark jobs' key checks), which report as the validator does. */
    public void add(Problem p) {
        problems.add(p);
    }

    public List<Problem> problems() {
        return List.copyOf(problems);
    }

    public List<Problem> errors() {
        return problems.stream().filter(p -> p.severity() == Severity.ERROR).toList();
    }

    public List<Problem> warnings() {
        return problems.stream().filter(p -> p.severity() == Severity.WARNING).toList();
    }

    public boolean hasErrors() {
        return !errors().isEmpty();
    }

    /** One problem per line, errors first; "no problems found" when clean. */
    public String format() {
        if (problems.isEmpty()) {
            return "no problems found";
        }
        List<String> lines = new ArrayList<>();
        errors().forEach(p -> lines.add(p.toString()));
        warnings().forEach(p -> lines.add(p.toString()));
        return String.join(System.lineSeparator(), lines);
    }

    @Override
    public String toString() {
        return format();
    }
}
