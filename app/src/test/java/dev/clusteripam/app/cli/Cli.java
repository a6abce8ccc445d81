package dev.clusteripam.app.cli;

import dev.clusteripam.app.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;

/** Runs the command line in-process, wired as the executable jar wires it, and keeps what it prints. */
final class Cli {

    /** The outcome of one run. */
    record Run(int exitCode, String out, String err) {

        List<String> outLines() {
            return out.lines().toList();
        }

        List<String> errLines() {
            return err.lines().toList();
        }
    }

    private Cli() {
    }

    static Run run(Object... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        String[] texts = Arrays.stream(args).map(String::valueOf).toArray(String[]::new);
        int exitCode = commandLine.execute(texts);
        return new Run(exitCode, out.toString(), err.toString());
    }
}
