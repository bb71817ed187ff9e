package br.com.recebiveishub.hub.plugin;

import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The plugins the hub loaded, failed or refused. */
@RestController
@RequestMapping("/api/plugins")
@Tag(name = "plugins")
public class PluginController {

    private final PluginRuntime runtime;
    private final br.com.recebiveishub.hub.platform.HubProperties props;

    public PluginController(PluginRuntime runtime, br.com.recebiveishub.hub.platform.HubProperties props) {
        this.runtime = runtime;
        this.props = props;
    }

    @org.springframework.web.bind.annotation.PostMapping(consumes = "application/octet-stream")
    @io.swagger.v3.oas.annotations.Operation(summary = "Installs a plugin zip, or upgrades the installed plugin of the same id, "
            + "without restarting the hub: refused zips and versions that do not start leave the running plugin serving")
    public PluginRuntime.InstallResult install(@org.springframework.web.bind.annotation.RequestParam String fileName,
                                               jakarta.servlet.http.HttpServletRequest request) throws java.io.IOException {
        return br.com.recebiveishub.hub.platform.Uploads.withFile(props.dataDir(), fileName, request.getInputStream(),
                f -> runtime.install(f.path()));
    }

    @org.springframework.web.bind.annotation.PostMapping("/{pluginId}/disable")
    public PluginInfo disable(@org.springframework.web.bind.annotation.PathVariable String pluginId) {
        return runtime.disable(pluginId);
    }

    @org.springframework.web.bind.annotation.PostMapping("/{pluginId}/enable")
    public PluginInfo enable(@org.springframework.web.bind.annotation.PathVariable String pluginId) {
        return runtime.enable(pluginId);
    }

    @org.springframework.web.bind.annotation.DeleteMapping("/{pluginId}")
    public void uninstall(@org.springframework.web.bind.annotation.PathVariable String pluginId) {
        runtime.uninstall(pluginId);
    }

    @GetMapping
    public List<PluginInfo> list() {
        return runtime.list();
    }
}
