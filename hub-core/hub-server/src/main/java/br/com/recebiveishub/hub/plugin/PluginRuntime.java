package br.com.recebiveishub.hub.plugin;

import br.com.recebiveishub.hub.platform.HubProperties;
import br.com.recebiveishub.sdk.BankReturnSimulator;
import br.com.recebiveishub.sdk.ErpApiConnector;
import br.com.recebiveishub.sdk.ErpConnector;
import br.com.recebiveishub.sdk.CardPaymentProvider;
import br.com.recebiveishub.sdk.InstantPaymentProvider;
import br.com.recebiveishub.sdk.MessageChannel;
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
import java.util.Set;
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
            List.of(ErpConnector.class, ErpApiConnector.class, PaymentProvider.class, InstantPaymentProvider.class, CardPaymentProvider.class,
                    MessageChannel.class, SourceFileGenerator.class,
                    BankReturnSimulator.class, PayerDocumentRenderer.class, PixQrRenderer.class, StatementReader.class);

    private final HubProperties props;
    private final List<PluginInfo> refused = new CopyOnWriteArrayList<>();
    private final java.util.Map<String, String> zipOf = new java.util.concurrent.ConcurrentHashMap<>();
    private HubPluginManager manager;
    private Path runtimeDir;

    /** Told when a plugin starts or stops through the API (install, upgrade, enable, disable, uninstall). */
    public interface Listener {
        void changed(String pluginId, boolean started);
    }

    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    /** Registers a listener; e.g. the sync routes of a plugin stop and start with it. */
    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    private void tell(String pluginId) {
        bump(pluginId);
        PluginWrapper w = manager.getPlugin(pluginId);
        boolean started = w != null && w.getPluginState() == PluginState.STARTED;
        for (Listener l : listeners) {
            try {
                l.changed(pluginId, started);
            } catch (RuntimeException e) {
                log.warn("listener of plugin {} failed: {}", pluginId, e.toString());
            }
        }
    }

    /** @return whether the plugin is installed and started */
    public boolean isStarted(String pluginId) {
        PluginWrapper w = manager == null ? null : manager.getPlugin(pluginId);
        return w != null && w.getPluginState() == PluginState.STARTED;
    }

    /** A runtime whose extensions are handed out as they are (tests of the runtime itself). */
    public PluginRuntime(HubProperties props) {
        this(props, null);
    }

    /**
     * @param calls when given, the extensions of {@link #GUARDED} points are handed out behind
     *              {@link PluginCalls#guard}: per-call timeout, bulkhead, crash isolation and health
     */
    @org.springframework.beans.factory.annotation.Autowired
    public PluginRuntime(HubProperties props, PluginCalls calls) {
        this.props = props;
        this.calls = calls;
    }

    private final PluginCalls calls;

    /**
     * The extension points whose methods take no hub callback, so each call can run on the plugin's
     * own threads. ERP connectors feed the hub's sink inside its transaction and run on the caller's
     * thread (ERP API connectors go through {@link PluginCalls} in the sync, which owns that sink);
     * the test-data tools (generator, bank simulator) are not guarded.
     */
    static final Set<Class<?>> GUARDED = Set.of(br.com.recebiveishub.sdk.PaymentProvider.class,
            br.com.recebiveishub.sdk.InstantPaymentProvider.class, br.com.recebiveishub.sdk.CardPaymentProvider.class,
            br.com.recebiveishub.sdk.StatementReader.class, br.com.recebiveishub.sdk.PayerDocumentRenderer.class,
            br.com.recebiveishub.sdk.PixQrRenderer.class, br.com.recebiveishub.sdk.MessageChannel.class);

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
        runtimeDir = runtime;
        manager = new HubPluginManager(runtime);
        manager.loadPlugins();
        manager.startPlugins();
        for (String id : disabledIds()) {
            if (manager.getPlugin(id) != null && manager.getPlugin(id).getPluginState() == PluginState.STARTED) {
                manager.stopPlugin(id);
                log.info("Plugin {} is disabled by the administrator (plugins-disabled.txt): stopped until enabled", id);
            }
        }
        for (PluginInfo p : list()) {
            if ("STARTED".equals(p.state())) {
                log.info("Plugin {} {} STARTED, extensions {}", p.id(), p.version(), p.extensions());
            } else {
                log.warn("Plugin {}{} {}: {}", p.id(), p.version() == null ? "" : " " + p.version(), p.state(), p.problem());
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

    private final java.util.Map<String, java.util.concurrent.atomic.AtomicLong> pluginGenerations = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Changes only when plugin {@code pluginId} is installed, upgraded, enabled, disabled or removed
     * (after the change is done), so state a caller keeps for that plugin survives changes to other
     * plugins (an ERP connector's instance holds the ERP's rotated OAuth refresh token).
     */
    public long generation(String pluginId) {
        return pluginGenerations.computeIfAbsent(pluginId, k -> new java.util.concurrent.atomic.AtomicLong()).get();
    }

    private void bump(String pluginId) {
        pluginGenerations.computeIfAbsent(pluginId, k -> new java.util.concurrent.atomic.AtomicLong()).incrementAndGet();
        // an instance of the old generation may belong to an unloaded plugin: never hand it out again, nor keep its class loader
        kept.keySet().removeIf(k -> k.pluginId().equals(pluginId));
    }

    private record KeptKey(String pluginId, Class<?> type) {
    }

    private record Kept(long generation, Object extension) {
    }

    private final java.util.Map<KeptKey, Kept> kept = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The extension of {@code type} that plugin {@code pluginId} provides, as one instance for as long
     * as that plugin does not change. PF4J hands out a new instance on every lookup, which throws away
     * what a plugin keeps in it between calls: a PSP client with its mTLS context and OAuth2 token (a
     * new one per notification was 85 % of the Pix webhook's time, docs/performance.md), a gateway's
     * HTTP client, an ERP's rotated refresh token.
     *
     * @return empty when the plugin is not started or provides no extension of that type
     */
    public <T> Optional<T> extension(Class<T> type, String pluginId) {
        KeptKey key = new KeptKey(pluginId, type);
        long generation = generation(pluginId);
        Kept k = kept.get(key);
        if (k != null && k.generation() == generation) {
            return Optional.of(type.cast(k.extension()));
        }
        Optional<T> found = extensions(type).stream().filter(e -> e.pluginId().equals(pluginId)).findFirst().map(Extension::extension);
        // kept with the generation read before the lookup: a change in between makes the next call look up again
        found.ifPresent(x -> kept.put(key, new Kept(generation, x)));
        return found;
    }

    /** @return every plugin: started, failed and refused */
    public List<PluginInfo> list() {
        List<PluginInfo> all = new ArrayList<>();
        if (manager != null) {
            List<String> disabled = disabledIds();
            for (PluginWrapper w : manager.getPlugins()) {
                List<String> ext = new ArrayList<>();
                if (w.getPluginState() == PluginState.STARTED) {
                    for (Class<?> point : EXTENSION_POINTS) {
                        if (!manager.getExtensions(point, w.getPluginId()).isEmpty()) {
                            ext.add(point.getSimpleName());
                        }
                    }
                }
                String problem = w.getFailedException() != null ? String.valueOf(w.getFailedException().getMessage())
                        : w.getPluginState() == PluginState.STOPPED && disabled.contains(w.getPluginId())
                        ? "disabled by the administrator (POST /api/plugins/" + w.getPluginId() + "/enable starts it)" : null;
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
        boolean guarded = calls != null && GUARDED.contains(type);
        for (PluginWrapper w : manager.getStartedPlugins()) {
            for (T ext : manager.getExtensions(type, w.getPluginId())) {
                out.add(new Extension<>(w.getPluginId(), guarded ? calls.guard(type, w.getPluginId(), ext) : ext));
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

    /**
     * What an install or upgrade through the API did.
     *
     * @param outcome INSTALLED, UPGRADED, or RESTORED (the new version failed to start: the previous
     *                one was put back and serves again)
     */
    public record InstallResult(String pluginId, String version, String previousVersion, String outcome, String problem,
                                List<String> extensions) {
    }

    /**
     * Installs a plugin zip while the hub runs, or upgrades the installed plugin of the same id.
     * The zip is inspected and then started in a throwaway plugin manager before anything running is
     * touched: a zip that is refused or does not start leaves the hub as it was. An upgrade then
     * stops and unloads the old version and starts the new one; if the new one fails to start
     * there, the old one is restored and serves again.
     *
     * @throws IllegalArgumentException when the zip is refused (the reason says why)
     * @throws IllegalStateException    when it is not newer than the installed version, or it does not start
     */
    public synchronized InstallResult install(Path zip) {
        PluginZipInspector.Descriptor d = PluginZipInspector.inspect(zip);
        try {
            manager.getVersionManager().compareVersions(d.version(), "0.0.0");
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("plugin.version: not a semantic version (e.g. 1.2.0)");
        }
        trial(zip, d);
        PluginWrapper old = manager.getPlugin(d.id());
        String oldVersion = old == null ? null : old.getDescriptor().getVersion();
        if (old != null && manager.getVersionManager().compareVersions(d.version(), oldVersion) <= 0) {
            throw new IllegalStateException("plugin " + d.id() + " " + oldVersion + " is installed: " + d.version()
                    + " is not newer; upload a version newer than " + oldVersion);
        }
        Path target = runtimeDir.resolve(d.id() + ".zip");
        Path previous = runtimeDir.resolve(d.id() + ".zip.previous");
        try {
            if (old != null) {
                unload(d.id());
                Files.move(target, previous, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.copy(zip, target, StandardCopyOption.REPLACE_EXISTING);
            String problem = loadAndStart(target, d.id());
            if (problem == null) {
                keepInPluginsDir(zip, d);
                Files.deleteIfExists(previous);
                // The administrator's stop outlives an upgrade: the new version was started (so it is known to start, here and
                // in the trial), then stopped again, as the next restart would; POST .../enable serves it.
                boolean disabled = disabledIds().contains(d.id());
                if (disabled) {
                    manager.stopPlugin(d.id());
                }
                log.info("Plugin {} {} {} through the API{}", d.id(), d.version(), old == null ? "installed" : "upgraded from " + oldVersion,
                        disabled ? "; it stays disabled (plugins-disabled.txt) until enabled" : "");
                tell(d.id());
                return new InstallResult(d.id(), d.version(), oldVersion, old == null ? "INSTALLED" : "UPGRADED",
                        disabled ? "disabled by the administrator: stays stopped until POST /api/plugins/" + d.id() + "/enable" : null,
                        extensionsOf(d.id()));
            }
            unload(d.id());
            Files.deleteIfExists(target);
            if (old == null) {
                throw new IllegalStateException("plugin " + d.id() + " " + d.version() + " did not start: " + problem);
            }
            Files.move(previous, target);
            String back = loadAndStart(target, d.id());
            log.warn("Plugin {} {} did not start ({}); {} {} restored{}", d.id(), d.version(), problem, d.id(), oldVersion,
                    back == null ? "" : " but it did not start either: " + back);
            tell(d.id());
            return new InstallResult(d.id(), oldVersion, oldVersion, "RESTORED", d.version() + " did not start: " + problem,
                    extensionsOf(d.id()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install plugin " + d.id(), e);
        }
    }

    /** Stops a plugin (its extensions are no longer served) and remembers it across restarts. */
    public synchronized PluginInfo disable(String pluginId) {
        require(pluginId);
        manager.stopPlugin(pluginId);
        setDisabled(pluginId, true);
        tell(pluginId);
        return info(pluginId);
    }

    /** Starts a stopped plugin again. */
    public synchronized PluginInfo enable(String pluginId) {
        require(pluginId);
        setDisabled(pluginId, false);
        PluginState state = manager.startPlugin(pluginId);
        if (state != PluginState.STARTED) {
            throw new IllegalStateException("plugin " + pluginId + " did not start: " + problemOf(manager.getPlugin(pluginId)));
        }
        tell(pluginId);
        return info(pluginId);
    }

    /** Stops, unloads and removes a plugin from the plugins directory. */
    public synchronized void uninstall(String pluginId) {
        require(pluginId);
        unload(pluginId);
        try {
            Files.deleteIfExists(runtimeDir.resolve(pluginId + ".zip"));
            String file = zipOf.remove(pluginId);
            if (file != null) {
                Files.deleteIfExists(props.pluginsDir().resolve(file));
            }
            setDisabled(pluginId, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove plugin " + pluginId, e);
        }
        log.info("Plugin {} uninstalled through the API", pluginId);
        tell(pluginId);
    }

    private void require(String pluginId) {
        if (manager.getPlugin(pluginId) == null) {
            throw new java.util.NoSuchElementException("plugin " + pluginId + " is not installed");
        }
    }

    private PluginInfo info(String pluginId) {
        return list().stream().filter(p -> p.id().equals(pluginId)).findFirst().orElseThrow();
    }

    private List<String> extensionsOf(String pluginId) {
        return list().stream().filter(p -> p.id().equals(pluginId)).findFirst().map(PluginInfo::extensions).orElse(List.of());
    }

    /** Starts the zip in a manager of its own, then throws it away: nothing running is touched. */
    private void trial(Path zip, PluginZipInspector.Descriptor d) {
        Path dir = props.dataDir().resolve("plugin-trial").resolve(java.util.UUID.randomUUID().toString());
        try {
            Files.createDirectories(dir);
            Files.copy(zip, dir.resolve(d.id() + ".zip"));
            HubPluginManager trial = new HubPluginManager(dir);
            try {
                trial.loadPlugins();
                trial.startPlugins();
                PluginWrapper w = trial.getPlugin(d.id());
                if (w == null || w.getPluginState() != PluginState.STARTED) {
                    throw new IllegalStateException("plugin " + d.id() + " " + d.version() + " does not start: " + problemOf(w));
                }
                boolean serves = EXTENSION_POINTS.stream().anyMatch(p -> !trial.getExtensions(p, d.id()).isEmpty());
                if (!serves) {
                    throw new IllegalStateException("plugin " + d.id() + " " + d.version() + " provides no extension the hub knows: "
                            + whyNoExtension(trial, w));
                }
            } finally {
                // PF4J's stopPlugins() modifies the list it iterates: stop a copy one by one
                for (PluginWrapper w : new ArrayList<>(trial.getStartedPlugins())) {
                    trial.stopPlugin(w.getPluginId());
                }
                trial.unloadPlugins();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot try plugin " + d.id(), e);
        } finally {
            try {
                deleteTree(dir);
            } catch (IOException e) {
                log.warn("cannot remove trial folder {}: {}", dir, e.toString());
            }
        }
    }

    /** What a partner needs to hear when a started plugin serves nothing: PF4J only logs it. */
    private static String whyNoExtension(HubPluginManager manager, PluginWrapper w) {
        java.util.Set<String> listed = manager.getExtensionClassNames(w.getPluginId());
        if (listed == null || listed.isEmpty()) {
            return "its classes/META-INF/extensions.idx lists no class (is the class annotated @Extension, and pf4j's annotation "
                    + "processor on?)";
        }
        for (String name : new java.util.TreeSet<>(listed)) {
            try {
                Class.forName(name, false, w.getPluginClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                return "extension class " + name + " listed in extensions.idx cannot be loaded (" + e.getClass().getSimpleName()
                        + (name.startsWith("org.pf4j.") ? ": PF4J loads every org.pf4j class from the hub; choose another package" : "")
                        + ")";
            }
        }
        return "its extensions " + new java.util.TreeSet<>(listed) + " implement none of the hub's extension points "
                + EXTENSION_POINTS.stream().map(Class::getSimpleName).toList();
    }

    private String loadAndStart(Path zip, String id) {
        try {
            manager.loadPlugin(zip);
            PluginState state = manager.startPlugin(id);
            return state == PluginState.STARTED ? null : problemOf(manager.getPlugin(id));
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }

    private void unload(String id) {
        if (manager.getPlugin(id) == null) {
            return;
        }
        try {
            manager.stopPlugin(id);
        } catch (RuntimeException e) {
            log.warn("Plugin {} failed to stop: {}", id, e.toString());
        }
        manager.unloadPlugin(id);
        try {
            deleteTree(runtimeDir.resolve(id)); // the unpacked folder: the next load must unpack the new zip
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String problemOf(PluginWrapper w) {
        if (w == null) {
            return "not loaded";
        }
        return w.getFailedException() != null ? String.valueOf(w.getFailedException().getMessage()) : String.valueOf(w.getPluginState());
    }

    /** The plugins directory is what the next start loads: the new zip replaces the old one there. */
    private void keepInPluginsDir(Path zip, PluginZipInspector.Descriptor d) throws IOException {
        String file = d.id() + "-" + d.version() + ".zip";
        Path tmp = props.pluginsDir().resolve("." + file);
        Files.copy(zip, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, props.pluginsDir().resolve(file), StandardCopyOption.REPLACE_EXISTING);
        String old = zipOf.put(d.id(), file);
        if (old != null && !old.equals(file)) {
            Files.deleteIfExists(props.pluginsDir().resolve(old));
        }
    }

    private Path disabledFile() {
        return props.dataDir().resolve("plugins-disabled.txt");
    }

    private List<String> disabledIds() {
        try {
            return Files.exists(disabledFile()) ? Files.readAllLines(disabledFile()).stream().map(String::strip)
                    .filter(l -> !l.isEmpty()).toList() : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void setDisabled(String id, boolean disabled) {
        java.util.Set<String> ids = new java.util.TreeSet<>(disabledIds());
        if (disabled ? ids.add(id) : ids.remove(id)) {
            try {
                Files.write(disabledFile(), ids);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
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
