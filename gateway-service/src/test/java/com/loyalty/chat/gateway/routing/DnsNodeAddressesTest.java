package com.loyalty.chat.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class DnsNodeAddressesTest {

    @Test
    void resolvesANameToItsAddresses() throws UnknownHostException {
        DnsNodeAddresses addresses = new DnsNodeAddresses();
        try {
            List<InetAddress> found = addresses.resolveAll("localhost").block(Duration.ofSeconds(10));

            assertThat(found).contains(InetAddress.getByName("127.0.0.1"));
        } finally {
            addresses.destroy();
        }
    }
}
