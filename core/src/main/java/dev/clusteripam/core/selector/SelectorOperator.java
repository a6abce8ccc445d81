package dev.clusteripam.core.selector;

import java.util.Arrays;
import java.util.Optional;

/** The operators of a label selector's {@code matchExpressions}, spelt as Kubernetes spells them. */
public enum SelectorOperator {
    IN("In"),
    NOT_IN("NotIn"),
    EXISTS("Exists"),
    DOES_NOT_EXIST("DoesNotExist");

    private final String spelling;

    SelectorOperator(String spelling) {
        this.spelling = spelling;
    }

    public String spelling() {
        return spelling;
    }

    /** Whether the operator compares the label's value, and so needs values; the others take none. */
    public boolean takesValues() {
        return this == IN || this == NOT_IN;
    }

    /** The operator spelt exactly {@code text} (Kubernetes matches operators case-sensitively). */
    public static Optional<SelectorOperator> parse(String text) {
        return Arrays.stream(values()).filter(operator -> operator.spelling.equals(text)).findFirst();
    }
}
