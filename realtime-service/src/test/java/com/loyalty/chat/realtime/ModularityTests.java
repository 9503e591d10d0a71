package com.loyalty.chat.realtime;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * Each feature package is an application module: another module may use only what its top-level package offers, and
 * no two modules depend on each other in a cycle. The module diagram in the README is written from the same model.
 */
class ModularityTests {

    private final ApplicationModules modules = ApplicationModules.of(RealtimeServiceApplication.class);

    @Test
    void modulesUseOnlyEachOthersPublicTypesAndFormNoCycle() {
        modules.verify();
    }

    @Test
    void writesTheModuleDiagram() {
        new Documenter(modules).writeModulesAsPlantUml();
    }
}
