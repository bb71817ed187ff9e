package br.com.recebiveishub.hub.tenant;

import br.com.recebiveishub.hub.audit.AuditContext;
import br.com.recebiveishub.hub.audit.BulkAudit;
import br.com.recebiveishub.hub.platform.SecretBox;
import br.com.recebiveishub.hub.plugin.PluginRuntime;
import br.com.recebiveishub.sdk.Configurable;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Each tenant's settings for a plugin: validated against the plugin's JSON Schema
 * ({@link Configurable}) before they are saved, the secret ones (the schema's {@code writeOnly}
 * properties) encrypted at rest by {@link SecretBox} and never returned by the API. An update that
 * omits a secret keeps the stored one, so the team can change a URL without re-typing a password.
 * Every change is a revision; its history holds which secrets were set and when, never a value.
 */
@Service
public class PluginConfigs {

    /**
     * A tenant's settings for a plugin as the API shows them.
     *
     * @param settings   the non-secret settings
     * @param secretsSet the secret fields that have a stored value
     */
    public record View(String tenantId, String pluginId, boolean configured, JsonNode settings, List<String> secretsSet,
                       Instant updatedAt, Long revision) {
    }

    private record Stored(long id, JsonNode settings, JsonNode secrets, String schemaSha256) {
    }

    private final PluginRuntime plugins;
    private final SecretBox box;
    private final JdbcTemplate jdbc;
    private final BulkAudit audit;
    private final TransactionTemplate tx;
    private final ObjectMapper json;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();
    // Formats asserted, not only annotated (2020-12's default): a startDate of 2026-02-30 or a URL that is no URL is refused
    // when saved, naming the setting, instead of failing the first sync.
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(Dialects.getDraft202012(),
            b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

    public PluginConfigs(PluginRuntime plugins, SecretBox box, JdbcTemplate jdbc, BulkAudit audit, TransactionTemplate tx,
                         ObjectMapper json) {
        this.plugins = plugins;
        this.box = box;
        this.jdbc = jdbc;
        this.audit = audit;
        this.tx = tx;
        this.json = json;
    }

    /** @return the settings schema of a started plugin */
    public JsonNode schema(String pluginId) {
        try {
            return json.readTree(schemaText(pluginId));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("plugin " + pluginId + " gives a settings schema that is not JSON", e);
        }
    }

    /** @return the tenant's settings for the plugin, secrets left out */
    public View get(String tenantId, String pluginId) {
        schemaText(pluginId);
        List<Map<String, Object>> rows = jdbc.queryForList(
                "select settings, secret_fields, updated_at from plugin_config where tenant_id = ? and plugin_id = ?", tenantId, pluginId);
        if (rows.isEmpty()) {
            return new View(tenantId, pluginId, false, json.createObjectNode(), List.of(), null, null);
        }
        Map<String, Object> r = rows.get(0);
        return new View(tenantId, pluginId, true, read((String) r.get("settings")), fields((String) r.get("secret_fields")),
                ((java.sql.Timestamp) r.get("updated_at")).toInstant(), null);
    }

    /**
     * Validates and saves the tenant's settings for the plugin.
     *
     * @throws IllegalArgumentException listing every violation by JSON path (a secret's value is never quoted)
     */
    public View put(String tenantId, String pluginId, JsonNode body) {
        String schemaText = schemaText(pluginId);
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("settings: a JSON object is required");
        }
        Set<String> secretNames = secretNames(schemaText);
        try (AuditContext.Scope s = AuditContext.narrow(tenantId, "settings of plugin " + pluginId, null)) {
            return tx.execute(st -> {
                Stored old = load(tenantId, pluginId);
                ObjectNode merged = ((ObjectNode) body).deepCopy();
                List<String> kept = new ArrayList<>();
                if (old != null) {
                    old.secrets().properties().forEach(e -> {
                        if (!merged.has(e.getKey())) {
                            merged.set(e.getKey(), e.getValue());
                            kept.add(e.getKey());
                        }
                    });
                    // A stored secret goes only where it went when it was given: otherwise changing a URL alone would
                    // make the hub send the tenant's credentials to an address of the caller's choosing.
                    List<String> moved = destinations(schemaText).stream()
                            .filter(n -> !java.util.Objects.equals(old.settings().get(n), merged.get(n))).toList();
                    if (!kept.isEmpty() && !moved.isEmpty()) {
                        throw new IllegalArgumentException("settings of plugin " + pluginId + ": " + String.join(", ", moved)
                                + " changed, so the stored " + String.join(", ", kept) + " must be given again "
                                + "(a stored secret is never sent to a new address)");
                    }
                }
                List<String> problems = new ArrayList<>();
                for (Error e : schema(pluginId, schemaText).validate(merged)) {
                    // "$.merchantName" (or "/merchantName") for a value; the root plus the property for a missing one
                    String where = e.getInstanceLocation().toString().replaceFirst("^\\$\\.?", "").replaceFirst("^/", "");
                    String field = where.isEmpty() ? (e.getProperty() != null ? e.getProperty() : "(settings)") : where;
                    String top = field.split("[./\\[]", 2)[0];
                    problems.add(secretNames.contains(top) && !where.isEmpty()
                            ? field + ": invalid (secret field: value not shown)" : field + ": " + e.getMessage());
                }
                if (!problems.isEmpty()) {
                    throw new IllegalArgumentException("settings of plugin " + pluginId + " invalid: " + String.join("; ", problems));
                }
                ObjectNode settings = json.createObjectNode();
                ObjectNode secrets = json.createObjectNode();
                for (Iterator<Map.Entry<String, JsonNode>> it = merged.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    (secretNames.contains(e.getKey()) ? secrets : settings).set(e.getKey(), e.getValue());
                }
                String schemaSha = sha256(schemaText);
                if (old != null && old.settings().equals(settings) && old.secrets().equals(secrets) && old.schemaSha256().equals(schemaSha)) {
                    View v = get(tenantId, pluginId);
                    return new View(v.tenantId(), v.pluginId(), true, v.settings(), v.secretsSet(), v.updatedAt(), null);
                }
                boolean secretsChanged = old == null || !old.secrets().equals(secrets);
                byte[] sealed = secrets.isEmpty() ? null : box.seal(write(secrets).getBytes(StandardCharsets.UTF_8), boundTo(tenantId, pluginId));
                TreeSet<String> secretKeys = new TreeSet<>();
                secrets.fieldNames().forEachRemaining(secretKeys::add);
                String secretFields = String.join(",", secretKeys);
                long rev = audit.newRevision();
                long id;
                if (old == null) {
                    id = jdbc.queryForObject("""
                            insert into plugin_config (tenant_id, plugin_id, settings, secret_fields, secrets, secrets_key_id,
                                   secrets_changed_at, schema_sha256)
                            values (?,?,?,?,?,?, now(), ?) returning id""", Long.class, tenantId, pluginId, write(settings), secretFields,
                            sealed, sealed == null ? null : box.keyId(), schemaSha);
                } else {
                    id = old.id();
                    jdbc.update("""
                            update plugin_config set settings = ?, secret_fields = ?, secrets = ?, secrets_key_id = ?,
                                   secrets_changed_at = case when ? then now() else secrets_changed_at end, schema_sha256 = ?,
                                   updated_at = now(), version = version + 1
                             where id = ?""", write(settings), secretFields, sealed, sealed == null ? null : box.keyId(),
                            secretsChanged, schemaSha, id);
                }
                audit.record("plugin_config", rev, old == null ? BulkAudit.RevType.ADD : BulkAudit.RevType.MOD, List.of(id));
                View v = get(tenantId, pluginId);
                return new View(v.tenantId(), v.pluginId(), true, v.settings(), v.secretsSet(), v.updatedAt(), rev);
            });
        }
    }

    /**
     * Keeps one setting whose value the plugin's peer replaced ({@code ErpApiConnector.SettingsKeeper}:
     * Bling's refresh token, valid for one renewal), validated and stored like an update the team
     * saved (encrypted when secret, audited without the value), the other settings unchanged. In a
     * transaction of its own: a token the ERP already rotated must stay kept even when the caller's
     * work (a sync page) rolls back.
     *
     * @throws IllegalArgumentException when {@code name} is not one of the stored settings
     */
    public void keepRotated(String tenantId, String pluginId, String name, String value) {
        TransactionTemplate own = new TransactionTemplate(java.util.Objects.requireNonNull(tx.getTransactionManager()));
        own.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        own.executeWithoutResult(st -> {
            Stored stored = load(tenantId, pluginId);
            if (stored == null || !(stored.settings().has(name) || stored.secrets().has(name))) {
                throw new IllegalArgumentException(name + ": not a stored setting of plugin " + pluginId);
            }
            ObjectNode body = ((ObjectNode) stored.settings()).deepCopy();
            body.put(name, value);
            put(tenantId, pluginId, body);
        });
    }

    /**
     * The tenant's settings with their secrets, for the hub's own calls to the plugin. Never
     * returned by the API, never logged.
     *
     * @throws NoSuchElementException when the tenant has no settings for the plugin
     */
    public JsonNode resolve(String tenantId, String pluginId) {
        Stored s = tx.execute(st -> load(tenantId, pluginId));
        if (s == null) {
            throw new NoSuchElementException("tenant " + tenantId + " has no settings for plugin " + pluginId);
        }
        ObjectNode all = ((ObjectNode) s.settings()).deepCopy();
        all.setAll((ObjectNode) s.secrets());
        return all;
    }

    private Stored load(String tenantId, String pluginId) {
        List<Stored> rows = jdbc.query("""
                select id, settings, secrets, secrets_key_id, schema_sha256 from plugin_config where tenant_id = ? and plugin_id = ?
                """, (rs, i) -> {
            byte[] sealed = rs.getBytes(3);
            JsonNode secrets = sealed == null ? json.createObjectNode()
                    : read(new String(box.open(sealed, boundTo(tenantId, pluginId), rs.getString(4)), StandardCharsets.UTF_8));
            return new Stored(rs.getLong(1), read(rs.getString(2)), secrets, rs.getString(5));
        }, tenantId, pluginId);
        return rows.isEmpty() ? null : rows.get(0);
    }

    private String schemaText(String pluginId) {
        return plugins.extensions(Configurable.class).stream().filter(e -> e.pluginId().equals(pluginId)).findFirst()
                .map(e -> e.extension().configurationSchema())
                .orElseThrow(() -> new NoSuchElementException("plugin " + pluginId + " is not started or takes no settings"));
    }

    private Schema schema(String pluginId, String text) {
        return schemas.computeIfAbsent(pluginId + "\n" + sha256(text), k -> {
            // The hub fetches nothing a plugin points at: only local references are allowed.
            if (text.matches("(?s).*\"\\$ref\"\\s*:\\s*\"(?!#).*")) {
                throw new IllegalStateException("plugin " + pluginId + ": its settings schema refers outside itself ($ref)");
            }
            return registry.getSchema(text, InputFormat.JSON);
        });
    }

    /** Settings that say where the plugin connects or what identifies it there: URLs, hosts, ports, key stores. */
    private List<String> destinations(String schemaText) {
        List<String> names = new ArrayList<>();
        read(schemaText).path("properties").properties().forEach(e -> {
            boolean secret = e.getValue().path("writeOnly").asBoolean(false);
            if (!secret && (namesADestination(e.getKey()) || "uri".equals(e.getValue().path("format").asText()))) {
                names.add(e.getKey());
            }
        });
        return names;
    }

    private static final Set<String> DESTINATION_WORDS =
            Set.of("url", "urls", "uri", "host", "hostname", "endpoint", "server", "port", "keystore", "truststore");

    /**
     * Whether a setting's name says it is an address: one of its words (camelCase, snake_case or
     * kebab-case parts; two joined, for {@code keyStore}) is url, uri, host, endpoint, server, port
     * or a key/trust store. Whole words, so Bling's {@code portadorId} (the bank account receiving the
     * baixas) or a {@code reportEmail} are not addresses.
     */
    static boolean namesADestination(String name) {
        List<String> words = java.util.Arrays.stream(name.split("(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|[^A-Za-z0-9]+"))
                .filter(w -> !w.isEmpty()).map(w -> w.toLowerCase(java.util.Locale.ROOT)).toList();
        for (int i = 0; i < words.size(); i++) {
            if (DESTINATION_WORDS.contains(words.get(i))
                    || (i + 1 < words.size() && DESTINATION_WORDS.contains(words.get(i) + words.get(i + 1)))) {
                return true;
            }
        }
        return false;
    }

    private Set<String> secretNames(String schemaText) {
        Set<String> names = new TreeSet<>();
        JsonNode props = read(schemaText).path("properties");
        props.properties().forEach(e -> {
            if (e.getValue().path("writeOnly").asBoolean(false)) {
                names.add(e.getKey());
            }
        });
        return names;
    }

    private static String boundTo(String tenantId, String pluginId) {
        return "plugin-config|" + tenantId + "|" + pluginId;
    }

    private static List<String> fields(String csv) {
        return csv == null || csv.isEmpty() ? List.of() : List.of(csv.split(","));
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored settings are not JSON", e);
        }
    }

    private String write(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
