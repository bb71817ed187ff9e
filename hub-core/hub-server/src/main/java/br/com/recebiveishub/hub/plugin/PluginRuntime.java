package br.com.recebiveishub.hub.plugin;

import br.com.recebiveishub.hub.platform.HubProperties;
import br.com.recebiveishub.sdk.BankReturnSimulator;
import br.com.recebiveishub.sdk.ErpConnector;
import br.com.recebiveishub.sdk.CardPaymentProvider;
import br.com.recebiveishub.sdk.InstantPaymentProvider;
import br.com.recebiveishub.sdk.PayerDocumentRenderer;
import br.com.recebiveishub.sdk.PaymentProvider;
import br.com.recebiveishub.sdk.PixQrRenderer;
import br.com.recebiveishub.sdk.SourceFileGenerator;
import br.com.recebiveishub.sdk.StatementReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Loads the plugin zips of {@code hub.plugins-dir} at start-up and stops them at shutdown. Each
 * zip is inspected first ({@link PluginZipInspector}); a refused one is reported with its reason
 * and skipped, and a plugin that fails to start is reported as FAILED: the hub starts either way.
 *
 * <p>Zips are copied into a runtime folder under the data directory and unpacked there afresh on
 * every start (an older unpacked folder would otherwise be reused silently).
 */
@Component
public class PluginRuntime implements InitializingBean, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(PluginRuntime.class);
    private static final List<Class<?>> EXTENSION_POINTS =
            List.of(ErpConnector.class, PaymentProvider.class, InstantPaymentProvider.class, CardPaymentProvider.class,
                    SourceFileGenerator.class,
                    BankReturnSimulator.class, PayerDocumentRenderer.class, PixQrRenderer.class, StatementReader.class);

    private final HubProperties props;
    private final List<PluginInfo> refused = new CopyOnWriteArrayList<>();
    private final java.util.Map<String, String> zipOf = new java.util.concurrent.ConcurrentHashMap<>();
    private HubPluginManager manager;

    public PluginRuntime(HubProperties props) {
        this.props = props;
    }

    @Override
    public void afterPropertiesSet() {
        Path runtime = props.dataDir().resolve("plugin-runtime");
        try {
            deleteTree(runtime);
            Files.createDirectories(runtime);
            Files.createDirectories(props.pluginsDir());
            try (Stream<Path> zips = Files.list(props.pluginsDir())) {
                for (Path zip : zips.filter(p -> p.toString().endsWith(".zip")).sorted().toList()) {
                    stage(zip, runtime);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare plugins from " + props.pluginsDir(), e);
        }
        manager = new HubPluginManager(runtime);
        manager.loadPlugins();
        manager.startPlugins();
        for (PluginInfo p : list()) {
            if ("STARTED".equals(p.state())) {
                log.info("Plugin {} {} STARTED, extensions {}", p.id(), p.version(), p.extensions());
            } else {
                log.warn("Plugin {} {} {}: {}", p.id(), p.version(), p.state(), p.problem());
            }
        }
    }

    private void stage(Path zip, Path runtime) throws IOException {
        String file = zip.getFileName().toString();
        try {
            PluginZipInspector.Descriptor d = PluginZipInspector.inspect(zip);
            Path target = runtime.resolve(d.id() + ".zip");
            if (Files.exists(target)) {
                refused.add(new PluginInfo(d.id(), d.version(), "REFUSED", file, List.of(),
                        "another zip already provides plugin id '" + d.id() + "' (" + zipOf.get(d.id()) + ")"));
                return;
            }
            Files.copy(zip, target, StandardCopyOption.REPLACE_EXISTING);
            zipOf.put(d.id(), file);
        } catch (IllegalArgumentException e) {
            refused.add(new PluginInfo(file, null, "REFUSED", file, List.of(), e.getMessage()));
        }
    }

    /** @return every plugin: started, failed and refused */
    public List<PluginInfo> list() {
        List<PluginInfo> all = new ArrayList<>();
        if (manager != null) {
            for (PluginWrapper w : manager.getPlugins()) {
                List<String> ext = new ArrayList<>();
                if (w.getPluginState() == PluginState.STARTED) {
                    for (Class<?> point : EXTENSION_POINTS) {
                        if (!manager.getExtensions(point, w.getPluginId()).isEmpty()) {
                            ext.add(point.getSimpleName());
                        }
                    }
                }
                String problem = w.getFailedException() != null ? String.valueOf(w.getFailedException().getMessage()) : null;
                all.add(new PluginInfo(w.getPluginId(), w.getDescriptor().getVersion(), w.getPluginState().toString(),
                        zipOf.getOrDefault(w.getPluginId(), w.getPluginPath().getFileName().toString()), ext, problem));
            }
        }
        all.addAll(refused);
        all.sort(Comparator.comparing(PluginInfo::id));
        return Collections.unmodifiableList(all);
    }

    /** @return the extensions of a type from all started plugins, with the id of the plugin of each */
    public <T> List<Extension<T>> extensions(Class<T> type) {
        List<Extension<T>> out = new ArrayList<>();
        for (PluginWrapper w : manager.getStartedPlugins()) {
            for (T ext : manager.getExtensions(type, w.getPluginId())) {
                out.add(new Extension<>(w.getPluginId(), ext));
            }
        }
        return out;
    }

    /** @return the payment provider of the given plugin serving the given bank */
    public Optional<Extension<PaymentProvider>> paymentProvider(String pluginId, String bankCode) {
        return extensions(PaymentProvider.class).stream()
                .filter(e -> pluginId == null || e.pluginId().equals(pluginId))
                .filter(e -> e.extension().supportedBanks().contains(bankCode))
                .findFirst();
    }

    /** An extension and the plugin it comes from (the id goes into audit records). */
    public record Extension<T>(String pluginId, T extension) {
    }

    @Override
    public void destroy() {
        if (manager == null) {
            return;
        }
        // PF4J's stopPlugins() modifies the list it iterates: stop a reversed copy one by one.
        List<PluginWrapper> started = new ArrayList<>(manager.getStartedPlugins());
        Collections.reverse(started);
        for (PluginWrapper w : started) {
            try {
                manager.stopPlugin(w.getPluginId());
            } catch (RuntimeException e) {
                log.warn("Plugin {} failed to stop: {}", w.getPluginId(), e.toString());
            }
        }
        manager.unloadPlugins();
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
