package dev.clusteripam.app;

import dev.clusteripam.app.cli.ClusterIpamCommand;
import dev.clusteripam.app.cli.ExitCode;
import dev.clusteripam.app.run.RunCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/** The entry point of the executable jar. */
public final class Main {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command tree with the CLI's conventions; tests drive exactly this. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new ClusterIpamCommand())
                .setCaseInsensitiveEnumValuesAllowed(true)
                // picocli's default exit code for an unexpected exception is 1, which would read
                // as "a pool is invalid" to a script.
                .setExecutionExceptionHandler((exception, command, parseResult) -> {
                    LOG.error("unexpected failure command={}", command.getCommandName(), exception);
                    return ExitCode.INTERNAL_ERROR;
                });
        // As Go's flag parsing, a later occurrence wins: patched Deployments repeat flags.
        commandLine.getSubcommands().get(RunCommand.NAME).setOverwrittenOptionsAllowed(true);
        return commandLine;
    }
}
