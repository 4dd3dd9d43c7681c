package io.modelgate.gateway.middleware.forwardauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.gateway.pipeline.Identity;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import org.junit.jupiter.api.Test;

class AuthIdentityTest {

    private static HttpHeaders headers(String... nameValues) {
        HttpHeaders h = new DefaultHttpHeaders(false); // values as a peer may send them
        for (int i = 0; i < nameValues.length; i += 2) {
            h.add(nameValues[i], nameValues[i + 1]);
        }
        return h;
    }

    @Test
    void theAuthServicesHeadersGiveUserPlanAndToken() {
        assertThat(AuthIdentity.from(headers("x-auth-user", "alice", "X-Auth-Plan", "pro", "X-Auth-Token-Id", "k1")))
                .isEqualTo(new Identity("alice", "pro", "k1"));
    }

    @Test
    void otherAuthServicesNamesForTheUserAreReadInOrder() {
        assertThat(AuthIdentity.from(headers("X-Auth-Request-User", "bob"))).isEqualTo(Identity.user("bob"));
        assertThat(AuthIdentity.from(headers("X-Forwarded-User", "carol", "X-Auth-User", "dave")).user()).isEqualTo("dave");
    }

    @Test
    void noUserOrABlankOneIsNoIdentity() {
        assertThat(AuthIdentity.from(headers("X-Auth-Plan", "pro"))).isNull();
        assertThat(AuthIdentity.from(headers("X-Auth-User", "  ", "X-Auth-Plan", ""))).isNull();
        assertThat(AuthIdentity.from(headers("X-Auth-User", "eve", "X-Auth-Plan", " ")).plan()).isNull();
    }
}
