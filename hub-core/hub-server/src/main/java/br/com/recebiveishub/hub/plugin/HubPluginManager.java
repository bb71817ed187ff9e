package br.com.recebiveishub.hub.plugin;

import br.com.recebiveishub.sdk.HubSdk;
import java.nio.file.Path;
import org.pf4j.ClassLoadingStrategy;
import org.pf4j.CompoundPluginLoader;
import org.pf4j.DefaultPluginLoader;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginLoader;
import org.pf4j.PluginRuntimeException;

/**
 * PF4J configured for the hub: the SDK version is the system version (so {@code plugin.requires}
 * is enforced), an incompatible plugin is refused instead of lingering DISABLED with a class
 * loader, and every plugin class loader delegates to the hub first (application, then plugin,
 * then dependencies) so the SDK and the shared libraries are the hub's own classes. Its parent is
 * the SDK's loader, never the thread context loader.
 */
class HubPluginManager extends DefaultPluginManager {

    HubPluginManager(Path runtimeDir) {
        super(runtimeDir);
        setSystemVersion(HubSdk.VERSION);
        setExactVersionAllowed(false);
    }

    @Override
    protected PluginLoader createPluginLoader() {
        return new CompoundPluginLoader().add(new DefaultPluginLoader(this) {
            @Override
            protected PluginClassLoader createPluginClassLoader(Path pluginPath, PluginDescriptor descriptor) {
                return new PluginClassLoader(pluginManager, descriptor, HubSdk.class.getClassLoader(), ClassLoadingStrategy.APD);
            }
        });
    }

    @Override
    protected void validatePluginDescriptor(PluginDescriptor descriptor) {
        super.validatePluginDescriptor(descriptor);
        String requires = descriptor.getRequires();
        if (requires == null || requires.isBlank() || "*".equals(requires.trim())) {
            throw new PluginRuntimeException("Plugin '{}' declares no plugin.requires SDK range", descriptor.getPluginId());
        }
        if (!getVersionManager().checkVersionConstraint(HubSdk.VERSION, requires)) {
            throw new PluginRuntimeException("Plugin '{}' requires SDK {} but the hub provides {}",
                    descriptor.getPluginId(), requires, HubSdk.VERSION);
        }
    }
}
