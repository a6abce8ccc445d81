package dev.clusteripam.image;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an image's config says about running it: the fields a container runtime reads from {@code
 * config} in the image configuration JSON.
 */
record ImageConfig(List<String> entrypoint, List<String> cmd, Optional<String> user, List<String> env,
        Optional<String> workingDir, Map<String, String> labels) {

    ImageConfig {
        entrypoint = List.copyOf(entrypoint);
        cmd = List.copyOf(cmd);
        env = List.copyOf(env);
        labels = Map.copyOf(labels);
    }

    /** Reads the {@code config} object of an image configuration JSON document. */
    static ImageConfig of(JsonNode imageConfiguration) {
        JsonNode config = imageConfiguration.path("config");
        Map<String, String> labels = new LinkedHashMap<>();
        config.path("Labels").fields().forEachRemaining(label -> labels.put(label.getKey(), label.getValue().asText()));
        return new ImageConfig(strings(config.path("Entrypoint")), strings(config.path("Cmd")), text(config.path("User")),
                strings(config.path("Env")), text(config.path("WorkingDir")), labels);
    }

    /**
     * The process a runtime starts when a pod gives {@code args} and no command: the entrypoint, then
     * the args in place of Cmd (Cmd when there are none).
     */
    List<String> command(List<String> args) {
        List<String> command = new ArrayList<>(entrypoint);
        command.addAll(args.isEmpty() ? cmd : args);
        return command;
    }

    private static List<String> strings(JsonNode array) {
        List<String> strings = new ArrayList<>();
        array.forEach(element -> strings.add(element.asText()));
        return strings;
    }

    private static Optional<String> text(JsonNode node) {
        return node.isTextual() && !node.asText().isEmpty() ? Optional.of(node.asText()) : Optional.empty();
    }
}
