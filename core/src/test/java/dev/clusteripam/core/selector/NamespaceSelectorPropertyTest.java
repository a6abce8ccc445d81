package dev.clusteripam.core.selector;

import static dev.clusteripam.core.check.Generators.lists;
import static dev.clusteripam.core.check.Generators.of;
import static dev.clusteripam.core.check.Generators.oneOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clusteripam.core.check.PropertyCheck;
import dev.clusteripam.core.selector.LabelSelectorSpec.Expression;
import io.kotest.property.Arb;
import io.kotest.property.arbitrary.BindKt;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Random valid selectors over a few keys and values, matched against random label sets: the
 * selector must agree with a naive reading of Kubernetes' rules straight from the manifest's form.
 */
class NamespaceSelectorPropertyTest {

    private static final Arb<String> KEYS = of("team", "tier", "example.com/owner");
    private static final Arb<String> VALUES = of("a", "b", "c", "");

    private record Label(String key, String value) {
    }

    private record Case(Map<String, String> matchLabels, List<Expression> expressions, Map<String, String> labels) {
    }

    @Test
    void theSelectorAgreesWithANaiveReading() {
        Arb<Label> labels = BindKt.bind(Arb.Companion, KEYS, VALUES, Label::new);
        Arb<Expression> valued = BindKt.bind(Arb.Companion, KEYS, of("In", "NotIn"), lists(VALUES, 1, 3),
                Expression::new);
        Arb<Expression> unvalued = BindKt.bind(Arb.Companion, KEYS, of("Exists", "DoesNotExist"),
                (key, operator) -> new Expression(key, operator, List.of()));
        Arb<Case> cases = BindKt.bind(Arb.Companion, lists(labels, 0, 2),
                lists(oneOf(valued, unvalued), 0, 3), lists(labels, 0, 3),
                (selectorLabels, expressions, namespaceLabels) ->
                        new Case(asMap(selectorLabels), expressions, asMap(namespaceLabels)));

        PropertyCheck.forAll(2000, cases, c -> {
            NamespaceSelector selector = LabelSelectorValidator.validate("spec.namespaceSelector",
                    Optional.of(new LabelSelectorSpec(c.matchLabels(), c.expressions()))).orElseThrow();

            assertThat(selector.matches(c.labels())).as("%s on %s", selector, c.labels())
                    .isEqualTo(naiveMatch(c.matchLabels(), c.expressions(), c.labels()));
        });
    }

    private static Map<String, String> asMap(List<Label> labels) {
        Map<String, String> map = new HashMap<>();
        labels.forEach(label -> map.put(label.key(), label.value()));
        return map;
    }

    private static boolean naiveMatch(Map<String, String> matchLabels, List<Expression> expressions,
            Map<String, String> labels) {
        for (Map.Entry<String, String> wanted : matchLabels.entrySet()) {
            if (!labels.containsKey(wanted.getKey()) || !labels.get(wanted.getKey()).equals(wanted.getValue())) {
                return false;
            }
        }
        for (Expression expression : expressions) {
            boolean has = labels.containsKey(expression.key());
            boolean listed = has && expression.values().contains(labels.get(expression.key()));
            boolean holds = switch (expression.operator()) {
                case "In" -> listed;
                case "NotIn" -> !listed;
                case "Exists" -> has;
                case "DoesNotExist" -> !has;
                default -> throw new AssertionError(expression.operator());
            };
            if (!holds) {
                return false;
            }
        }
        return true;
    }
}
