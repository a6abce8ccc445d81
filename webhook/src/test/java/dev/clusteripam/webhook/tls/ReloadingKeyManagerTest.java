package dev.clusteripam.webhook.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusteripam.webhook.testing.TestCertificates;
import dev.clusteripam.webhook.testing.TestCertificates.Serving;
import java.net.Socket;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReloadingKeyManagerTest {

    private static final TestCertificates CA = TestCertificates.newAuthority();

    @Test
    void offersItsKeyOnlyForTheKeyTypeItHas() {
        ReloadingKeyManager manager = new ReloadingKeyManager(material(CA.issueRsa()));

        assertThat(manager.chooseServerAlias("RSA", null, (Socket) null)).isNotNull();
        assertThat(manager.chooseServerAlias("EC", null, (Socket) null)).isNull();
        assertThat(manager.chooseEngineServerAlias("RSA", null, null)).isNotNull();
    }

    @Test
    void aReplacementServesNewHandshakesWhileOneUnderWayKeepsAMatchingChainAndKey() {
        Serving first = CA.issueRsa();
        Serving second = CA.issueRsa();
        Serving third = CA.issueRsa();
        ReloadingKeyManager manager = new ReloadingKeyManager(material(first));
        String chosenBeforeReplacement = manager.chooseServerAlias("RSA", null, (Socket) null);

        manager.replace(material(second));
        String chosenAfter = manager.chooseServerAlias("RSA", null, (Socket) null);

        assertThat(chosenAfter).isNotEqualTo(chosenBeforeReplacement);
        assertThat(manager.getCertificateChain(chosenAfter)[0]).isEqualTo(second.certificate());
        assertThat(manager.getPrivateKey(chosenAfter)).isEqualTo(second.keys().getPrivate());
        assertThat(manager.getCertificateChain(chosenBeforeReplacement)[0]).isEqualTo(first.certificate());
        assertThat(manager.getPrivateKey(chosenBeforeReplacement)).isEqualTo(first.keys().getPrivate());

        manager.replace(material(third));

        assertThat(manager.getPrivateKey(chosenBeforeReplacement)).as("two generations back").isNull();
        assertThat(manager.getPrivateKey(chosenAfter)).isEqualTo(second.keys().getPrivate());
        assertThat(manager.current().certificate()).isEqualTo(third.certificate());
    }

    @Test
    void isNoClient() {
        ReloadingKeyManager manager = new ReloadingKeyManager(material(CA.issueRsa()));

        assertThat(manager.chooseClientAlias(new String[] {"RSA"}, null, null)).isNull();
        assertThat(manager.getClientAliases("RSA", null)).isNull();
    }

    private static KeyMaterial material(Serving serving) {
        return new KeyMaterial(List.of(serving.certificate(), serving.issuer()), serving.keys().getPrivate());
    }
}
