package dev.clusteripam.app.run;

import java.util.Set;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a boolean flag's value as Go's {@code strconv.ParseBool} does, so {@code --leader-elect=1} means what it meant upstream. */
final class GoBooleanConverter implements ITypeConverter<Boolean> {

    private static final Set<String> TRUE = Set.of("1", "t", "T", "true", "TRUE", "True");
    private static final Set<String> FALSE = Set.of("0", "f", "F", "false", "FALSE", "False");

    @Override
    public Boolean convert(String value) {
        if (TRUE.contains(value)) {
            return true;
        }
        if (FALSE.contains(value)) {
            return false;
        }
        throw new TypeConversionException("'" + value + "' is not a boolean (1, t, true, 0, f, false)");
    }
}
