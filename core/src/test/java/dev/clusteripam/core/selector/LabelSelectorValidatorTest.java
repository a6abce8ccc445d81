package dev.clusteripam.core.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.clusteripam.core.pool.FieldError;
import dev.clusteripam.core.pool.Validation;
import dev.clusteripam.core.selector.LabelSelectorSpec.Expression;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LabelSelectorValidatorTest {

    private static final String PATH = "spec.namespaceSelector";

    @Test
    void noSelectorMatchesEveryNamespace() {
        NamespaceSelector selector = LabelSelectorValidator.validate(PATH, Optional.empty()).orElseThrow();

        assertThat(selector.matchesEveryNamespace()).isTrue();
        assertThat(selector.matches(Map.of())).isTrue();
    }

    @Test
    void anEmptySelectorMatchesEveryNamespaceAsInKubernetes() {
        NamespaceSelector selector = valid(new LabelSelectorSpec(Map.of(), List.of()));

        assertThat(selector.matches(Map.of("team", "a"))).isTrue();
    }

    @Test
    void everyRequirementMustHold() {
        NamespaceSelector selector = valid(new LabelSelectorSpec(Map.of("tier", "prod"), List.of(
                new Expression("team", "In", List.of("a", "b")),
                new Expression("legacy", "DoesNotExist", List.of()))));

        assertThat(selector.matches(Map.of("tier", "prod", "team", "a"))).isTrue();
        assertThat(selector.matches(Map.of("tier", "prod", "team", "c"))).isFalse();
        assertThat(selector.matches(Map.of("tier", "dev", "team", "a"))).isFalse();
        assertThat(selector.matches(Map.of("tier", "prod", "team", "b", "legacy", ""))).isFalse();
        assertThat(selector.toString()).isEqualTo("tier in (prod),team in (a,b),!legacy");
    }

    @Test
    void notInMatchesANamespaceWithoutTheLabelAsInKubernetes() {
        NamespaceSelector selector = valid(new LabelSelectorSpec(null, List.of(
                new Expression("team", "NotIn", List.of("blue")),
                new Expression("example.com/owner", "Exists", null))));

        assertThat(selector.matches(Map.of("example.com/owner", "x"))).isTrue();
        assertThat(selector.matches(Map.of("example.com/owner", "x", "team", "blue"))).isFalse();
        assertThat(selector.matches(Map.of("team", "red"))).isFalse();
    }

    @Test
    void anUnknownOperatorIsNamedWithItsPath() {
        assertThat(errors(new LabelSelectorSpec(null, List.of(new Expression("team", "in", List.of("a"))))))
                .containsExactly(new FieldError(PATH + ".matchExpressions[0].operator", "in",
                        "is not a valid selector operator: must be In, NotIn, Exists or DoesNotExist"));
    }

    @Test
    void inAndNotInNeedValuesAndExistsTakesNone() {
        assertThat(errors(new LabelSelectorSpec(null, List.of(
                new Expression("a", "In", List.of()),
                new Expression("b", "NotIn", null),
                new Expression("c", "Exists", List.of("x")),
                new Expression("d", "DoesNotExist", List.of("y", "z"))))))
                .extracting(FieldError::field, FieldError::value)
                .containsExactly(
                        tuple(PATH + ".matchExpressions[0].values", "[]"),
                        tuple(PATH + ".matchExpressions[1].values", "[]"),
                        tuple(PATH + ".matchExpressions[2].values", "x"),
                        tuple(PATH + ".matchExpressions[3].values", "y,z"));
    }

    @Test
    void keysAndValuesMustBeOfLabelSyntax() {
        String tooLong = "a".repeat(64);
        assertThat(errors(new LabelSelectorSpec(Map.of("bad key", "ok", "ok", "-bad"), List.of(
                new Expression("Example.com/team", "In", List.of("a")),
                new Expression("team", "In", List.of("fine", tooLong)),
                new Expression("/team", "Exists", null),
                new Expression("", "Exists", null)))))
                .extracting(FieldError::field, FieldError::value)
                .containsExactly(
                        tuple(PATH + ".matchLabels", "bad key"),
                        tuple(PATH + ".matchLabels[ok]", "-bad"),
                        tuple(PATH + ".matchExpressions[0].key", "Example.com/team"),
                        tuple(PATH + ".matchExpressions[1].values[1]", tooLong),
                        tuple(PATH + ".matchExpressions[2].key", "/team"),
                        tuple(PATH + ".matchExpressions[3].key", ""));
    }

    @Test
    void theLongestValidKeyAndValuePass() {
        String prefix = "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(61);
        String name = "n".repeat(63);
        assertThat(prefix).hasSize(253);

        NamespaceSelector selector = valid(new LabelSelectorSpec(Map.of(prefix + "/" + name, name), null));

        assertThat(selector.matches(Map.of(prefix + "/" + name, name))).isTrue();
        assertThat(errors(new LabelSelectorSpec(Map.of("x" + prefix + "/" + name, name), null)))
                .extracting(FieldError::field).containsExactly(PATH + ".matchLabels");
    }

    private static NamespaceSelector valid(LabelSelectorSpec spec) {
        return LabelSelectorValidator.validate(PATH, Optional.of(spec)).orElseThrow();
    }

    private static List<FieldError> errors(LabelSelectorSpec spec) {
        Validation<NamespaceSelector> validation = LabelSelectorValidator.validate(PATH, Optional.of(spec));
        assertThat(validation.isValid()).isFalse();
        return validation.errors();
    }
}
