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

    public PluginController(PluginRuntime runtime) {
        this.runtime = runtime;
    }

    @GetMapping
    public List<PluginInfo> list() {
        return runtime.list();
    }
}
