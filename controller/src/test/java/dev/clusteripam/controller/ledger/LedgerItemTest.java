package dev.clusteripam.controller.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusteripam.api.ipam.PoolIdentity;
import dev.clusteripam.api.ipam.PoolKind;
import dev.clusteripam.core.ip.IpAddress;
import dev.clusteripam.core.ip.IpPrefix;
import dev.clusteripam.core.pool.PrefixPool;
import dev.clusteripam.core.pool.PrefixPoolSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Items reach the ledger numbered as core numbers them, and land in the blocks (and object names) the ledger always used. */
class LedgerItemTest {

    @Test
    void anAddressIsNumberedByItsValueAndWrittenAsItsCanonicalText() throws Exception {
        LedgerItem item = LedgerItem.of(IpAddress.parse("10.0.1.65"));

        assertThat(item.text()).isEqualTo("10.0.1.65");
        assertThat(item.number()).isEqualTo(IpAddress.parse("10.0.1.65").value());
        Ledger.Entry entry = Ledger.Entry.of(PoolIdentity.of(PoolKind.IN_CLUSTER_IP_POOL, "ns", "pool"), item, new Holder("ns", "a"));
        assertThat(BlockKey.of(entry).blockHex()).as("(10.0.1.65 = 0x0a000141) / 64").isEqualTo("280005");
    }

    @Test
    void aSubPrefixIsNumberedAsCorePrefixPoolNumbersItAndWrittenAsItsBase() throws Exception {
        PrefixPool pool = PrefixPool.of(PrefixPoolSpec.of(List.of("fd00::/48"), 64));
        IpPrefix prefix = IpPrefix.parse("fd00:0:0:41::/64");

        LedgerItem item = LedgerItem.of(prefix);

        assertThat(item.number()).isEqualTo(pool.blockOf(prefix).orElseThrow());
        assertThat(item.text()).isEqualTo("fd00:0:0:41::");
        Ledger.Entry entry = Ledger.Entry.of(PoolIdentity.of(PoolKind.GLOBAL_IN_CLUSTER_PREFIX_POOL, "", "v6"), item, new Holder("ns", "a"));
        assertThat(BlockKey.of(entry).blockHex()).as("0xfd00000000000041 / 64").isEqualTo("3f4000000000001");
    }
}
