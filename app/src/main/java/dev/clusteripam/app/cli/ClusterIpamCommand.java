package dev.clusteripam.app.cli;

import dev.clusteripam.app.dev.DevCommand;
import dev.clusteripam.app.inspect.InspectCommand;
import dev.clusteripam.app.run.RunCommand;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.ScopeType;

/** The top command; each job is a subcommand, so new ones slot in beside these. */
@Command(
        name = "cluster-ipam",
        description = "Cluster API IPAM provider: pools of IP addresses and IPv6 prefixes for IPAddressClaims.",
        // Subcommands inherit --help, --version and the exit code list.
        scope = ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        versionProvider = ClusterIpamCommand.JarVersion.class,
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {ValidateCommand.class, PlanCommand.class, InspectCommand.class, RunCommand.class, DevCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:a pool is invalid (validate, plan, inspect)",
            "2:unreadable input or a bad command line; inspect: no pool matches",
            "3:plan: the pool ran out",
            "4:dev --once: an example claim did not end as expected",
            "5:run, dev: could not start; inspect: could not read the cluster",
            "70:an internal error (a bug)"})
public final class ClusterIpamCommand {

    /** The version the executable jar's manifest records; "development" when run from classes. */
    static final class JarVersion implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Optional.ofNullable(ClusterIpamCommand.class.getPackage().getImplementationVersion()).orElse("development");
            return new String[] {"cluster-ipam " + version};
        }
    }
}
