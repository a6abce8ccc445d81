package dev.clusteripam.app.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads every YAML document of a file ({@code ---} separated) as a tree; an empty document reads
 * as a null node.
 */
final class YamlDocuments {

    // kubectl refuses a mapping that names a key twice; silently keeping the last one would
    // validate something other than what the API server is sent.
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private YamlDocuments() {
    }

    static List<JsonNode> read(Path file) throws UnreadableInputException {
        // One tree per root value, read from the parser: the mapper's readValues would instead
        // iterate over the items of a document that is a list.
        try (JsonParser parser = YAML.createParser(Files.newInputStream(file))) {
            List<JsonNode> documents = new ArrayList<>();
            while (parser.nextToken() != null) {
                documents.add(YAML.readTree(parser));
            }
            return documents;
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            throw new UnreadableInputException(file + ": not valid YAML at line " + where.getLineNr()
                    + ", column " + where.getColumnNr() + ": " + withoutQuotedSource(e.getOriginalMessage()));
        } catch (IOException e) {
            throw UnreadableInputException.cannotRead(file, e);
        }
    }

    /**
     * The parser's sentences without the source lines it quotes. SnakeYAML indents those quotes
     * (and the "in 'reader', line ..." lines that point at them), so its own sentences are the
     * lines that start in the first column.
     */
    private static String withoutQuotedSource(String message) {
        return message.lines()
                .filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0)))
                .collect(Collectors.joining("; "));
    }
}
