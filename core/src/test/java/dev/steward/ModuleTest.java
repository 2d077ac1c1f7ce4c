package dev.steward;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ModuleTest {
    @Test
    @DisplayName("the module exports the API and SPI packages only, never internal ones")
    void exportsExactlyTheApi() {
        ModuleDescriptor descriptor = ModuleFinder.of(Path.of("target/classes")).find("dev.steward.core")
                .orElseThrow().descriptor();
        Set<String> exported = descriptor.exports().stream().map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toSet());
        assertThat(exported).containsExactlyInAnyOrder("dev.steward", "dev.steward.identity", "dev.steward.grant",
                "dev.steward.authz", "dev.steward.audit", "dev.steward.credential", "dev.steward.spi",
                "dev.steward.memory", "dev.steward.secret", "dev.steward.review");
        assertThat(descriptor.packages()).anyMatch(p -> p.startsWith("dev.steward.internal"));
    }
}
