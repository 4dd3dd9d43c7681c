package io.modelgate.gateway.admin;

import io.modelgate.gateway.config.ModelgateProperties;
import io.modelgate.gateway.runtime.RuntimeConfigHolder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The admin port's authentication and the internal services that reach it from routers. */
@Configuration(proxyBeanMethods = false)
public class AdminAccessConfiguration {

    @Bean
    InternalServices internalServices(ModelgateProperties props, RuntimeConfigHolder configs) {
        return new InternalServices(props.admin().address(), configs);
    }

    @Bean
    AdminAccess adminAccess(ModelgateProperties props, InternalServices internal) {
        return AdminAccess.of(internal.prefix(), props.admin().auth());
    }
}
