package dev.cutover.registry;

import io.apicurio.common.apps.config.DynamicConfigPropertyList;
import java.util.List;
import javax.enterprise.inject.Produces;
import javax.inject.Singleton;

/**
 * Supplies the bean that Apicurio's {@code apicurio-common-app-components-config-index} Quarkus
 * extension would otherwise build at build time (its deployment artifact is not served, so the
 * extension is excluded). The list is empty: no property can be changed at run time through the
 * admin API; everything else in Apicurio works as usual.
 */
public class DynamicConfigProducer {

    @Produces
    @Singleton
    DynamicConfigPropertyList dynamicConfigPropertyList() {
        return new DynamicConfigPropertyList(List.of());
    }
}
