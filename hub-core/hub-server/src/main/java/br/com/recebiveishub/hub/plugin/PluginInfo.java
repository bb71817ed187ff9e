package br.com.recebiveishub.hub.plugin;

import java.util.List;

/**
 * A plugin as the hub sees it.
 *
 * @param id         plugin id, or the zip name when the zip was refused
 * @param version    declared version, null when unknown
 * @param state      PF4J state (STARTED, FAILED, ...) or REFUSED
 * @param file       the zip it came from
 * @param extensions the SDK extension points it implements
 * @param problem    why it is not started, or null
 */
public record PluginInfo(String id, String version, String state, String file, List<String> extensions, String problem) {
}
