package dev.clusteripam.webhook.conversion;

import dev.clusteripam.api.ipam.v1alpha1.InClusterIPPoolSpec;
import dev.clusteripam.core.ip.IpAddress;
import dev.clusteripam.core.ip.IpFormatException;
import dev.clusteripam.core.ip.IpPrefix;
import dev.clusteripam.core.pool.FieldError;
import java.util.ArrayList;

/**
 * A {@code v1alpha1} spec's {@code subnet}, {@code start} and {@code end}, read as upstream reads
 * them: {@code start} defaults to the subnet's second address, {@code end} to its last but one
 * (for IPv6 too), {@code prefix} to its length.
 */
final class SubnetForm {

    private SubnetForm() {
    }

    /** Whether {@code spec} says anything v1alpha2 has no field for. */
    static boolean isUsedBy(InClusterIPPoolSpec spec) {
        return !isEmpty(spec.getSubnet()) || !isEmpty(spec.getStart()) || !isEmpty(spec.getEnd());
    }

    /** A copy of {@code spec} with the defaults from its subnet filled in; a plain copy without a subnet. */
    static InClusterIPPoolSpec withDefaults(InClusterIPPoolSpec spec, String kind, String name) throws ConversionException {
        InClusterIPPoolSpec result = copyOf(spec);
        if (isEmpty(spec.getSubnet())) {
            return result;
        }
        IpPrefix subnet;
        try {
            subnet = IpPrefix.parse(spec.getSubnet());
        } catch (IpFormatException e) {
            throw invalid(kind, name, spec.getSubnet(), e.getMessage());
        }
        if (isEmpty(spec.getStart())) {
            IpAddress second = subnet.firstAddress().next()
                    .orElseThrow(() -> invalid(kind, name, spec.getSubnet(), "has no second address to start from"));
            result.setStart(second.toString());
        }
        if (isEmpty(spec.getEnd())) {
            IpAddress lastButOne = subnet.lastAddress().previous()
                    .orElseThrow(() -> invalid(kind, name, spec.getSubnet(), "has no last but one address to end at"));
            result.setEnd(lastButOne.toString());
        }
        if (spec.getPrefix() == null || spec.getPrefix() == 0) {
            result.setPrefix(subnet.length());
        }
        return result;
    }

    private static InClusterIPPoolSpec copyOf(InClusterIPPoolSpec spec) {
        InClusterIPPoolSpec copy = new InClusterIPPoolSpec();
        copy.setAddresses(spec.getAddresses() == null ? null : new ArrayList<>(spec.getAddresses()));
        copy.setSubnet(spec.getSubnet());
        copy.setStart(spec.getStart());
        copy.setEnd(spec.getEnd());
        copy.setPrefix(spec.getPrefix());
        copy.setGateway(spec.getGateway());
        return copy;
    }

    private static ConversionException invalid(String kind, String name, String subnet, String problem) {
        return new ConversionException(kind + " \"" + name + "\": " + new FieldError("spec.subnet", subnet, problem));
    }

    private static boolean isEmpty(String text) {
        return text == null || text.isEmpty();
    }
}
