package dev.clusteripam.bench.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes the run's report: chaos.json for tools, chaos.md for people. */
final class ChaosReportWriter {

    private ChaosReportWriter() {
    }

    static void write(Path out, boolean quick, List<ScenarioReport> reports) throws IOException {
        Files.createDirectories(out);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("finished", Instant.now().toString());
        json.put("quick", quick);
        json.put("passed", reports.stream().allMatch(ScenarioReport::passed));
        json.put("scenarios", reports.stream().map(ChaosReportWriter::asMap).toList());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(out.resolve("chaos.json").toFile(), json);
        Files.writeString(out.resolve("chaos.md"), markdown(quick, reports));
    }

    private static Map<String, Object> asMap(ScenarioReport report) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", report.name());
        map.put("promise", report.promise());
        map.put("passed", report.passed());
        map.put("seconds", Math.round(report.seconds() * 10) / 10.0);
        map.put("error", report.error().orElse(null));
        map.put("checks", report.checks());
        map.put("figures", report.figures());
        map.put("violations", report.violations().stream().map(v -> Map.of("kind", v.kind().name(), "fails", v.kind().fails(),
                "subject", v.subject(), "detail", v.detail())).toList());
        map.put("undecodable", report.undecodable());
        return map;
    }

    static String markdown(boolean quick, List<ScenarioReport> reports) {
        StringBuilder md = new StringBuilder();
        long passed = reports.stream().filter(ScenarioReport::passed).count();
        md.append("## Reliability suite: ").append(passed).append(" of ").append(reports.size()).append(" scenarios passed")
                .append(quick ? " (--quick)" : "").append("\n\n");
        md.append("| scenario | result | seconds | failed checks | violations |\n|---|---|---|---|---|\n");
        for (ScenarioReport report : reports) {
            md.append("| ").append(report.name()).append(" | ").append(report.passed() ? "passed" : "**FAILED**").append(" | ")
                    .append(Math.round(report.seconds())).append(" | ")
                    .append(report.checks().stream().filter(check -> !check.passed()).count()).append(" | ")
                    .append(report.violations().stream().filter(v -> v.kind().fails()).count()).append(" |\n");
        }
        for (ScenarioReport report : reports) {
            md.append("\n### ").append(report.name()).append("\n\n").append(report.promise()).append("\n\n");
            report.error().ifPresent(error -> md.append("Did not finish: ").append(cell(error)).append("\n\n"));
            md.append("| check | result | detail |\n|---|---|---|\n");
            for (Check check : report.checks()) {
                md.append("| ").append(cell(check.name())).append(check.issueItem().isEmpty() ? "" : " (" + check.issueItem() + ")")
                        .append(" | ").append(check.passed() ? "passed" : "**FAILED**").append(" | ").append(cell(check.detail())).append(" |\n");
            }
            if (!report.figures().isEmpty()) {
                md.append("\nFigures: ");
                report.figures().forEach((name, value) -> md.append(name).append(" = ").append(value).append("; "));
                md.append("\n");
            }
            md.append("\nInvariants after the scenario: ");
            if (report.violations().isEmpty()) {
                md.append("all held.\n");
            } else {
                md.append("\n\n");
                report.violations().stream().limit(20).forEach(v -> md.append("- ").append(v.kind().fails() ? "" : "(reported only) ")
                        .append(cell(v.toString())).append("\n"));
                if (report.violations().size() > 20) {
                    md.append("- … and ").append(report.violations().size() - 20).append(" more (chaos.json has them all)\n");
                }
            }
            report.undecodable().forEach(object -> md.append("- unreadable as its kind: ").append(cell(object)).append("\n"));
        }
        return md.toString();
    }

    private static String cell(String text) {
        return Bounded.text(text).replace("|", "\\|").replace("\n", " ");
    }
}
