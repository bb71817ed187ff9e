package br.com.recebiveishub.testkit.conformance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The rules {@link br.com.recebiveishub.sdk.Configurable}'s javadoc and docs/plugin-guide.md set for
 * a plugin's settings schema, checked the way the hub will use it: a JSON Schema 2020-12 object
 * (checked against the 2020-12 meta-schema, which the validator carries, so nothing is fetched),
 * only local {@code $ref}s, a description on every property, secrets marked {@code writeOnly}.
 */
public final class SettingsSchemaRules {

    static final String DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";

    /** Names that hold a credential in every API the hub talks to; such a property must be writeOnly. */
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(token|secret|password|passwd|senha|apikey|api_key|appkey|app_key|privatekey|private_key|credential).*");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(Dialects.getDraft202012());

    private SettingsSchemaRules() {
    }

    /**
     * Asserts every rule on {@code schemaText}.
     *
     * @param schemaText     what {@code configurationSchema()} returned
     * @param secretSettings names of settings known to be credentials (e.g. the ones that differ between a
     *                       good and a bad account); each must be a writeOnly property
     * @return the parsed schema, for further checks
     */
    public static JsonNode assertValid(String schemaText, Collection<String> secretSettings) {
        assertTrue(schemaText != null && !schemaText.isBlank(), "configurationSchema(): empty");
        JsonNode schema;
        try {
            schema = JSON.readTree(schemaText);
        } catch (JsonProcessingException e) {
            throw new AssertionError("configurationSchema(): not JSON: " + e.getOriginalMessage());
        }
        assertTrue(schema.isObject(), "configurationSchema(): must be a JSON object");
        if (schema.has("$schema")) {
            assertEquals(DRAFT_2020_12, schema.get("$schema").asText(), "configurationSchema(): $schema must be draft 2020-12");
        }
        Schema meta = REGISTRY.getSchema(SchemaLocation.of(DRAFT_2020_12));
        List<Error> errors = meta.validate(schema);
        if (!errors.isEmpty()) {
            fail("configurationSchema(): not a valid JSON Schema 2020-12: " + errors.stream().map(Error::toString).toList());
        }
        List<String> outside = new ArrayList<>();
        collectRefs(schema, "", outside);
        assertTrue(outside.isEmpty(), "configurationSchema(): only local $refs (\"#/...\") are allowed; the hub fetches nothing: " + outside);
        assertEquals("object", schema.path("type").asText(), "configurationSchema(): the settings are an object (\"type\": \"object\")");
        JsonNode props = schema.path("properties");
        assertTrue(props.isObject() && !props.isEmpty(), "configurationSchema(): declares no properties");
        for (Map.Entry<String, JsonNode> p : props.properties()) {
            String name = p.getKey();
            JsonNode def = p.getValue();
            assertTrue(def.path("description").isTextual() && !def.path("description").asText().isBlank(),
                    "configurationSchema(): property " + name + " has no description (what the implementation team reads)");
            if (SECRET_NAME.matcher(name).matches()) {
                assertTrue(def.path("writeOnly").asBoolean(false),
                        "configurationSchema(): property " + name + " looks like a credential and is not \"writeOnly\": true");
            }
        }
        for (String secret : secretSettings) {
            assertTrue(props.has(secret), "configurationSchema(): the credential setting " + secret + " is not a property");
            assertTrue(props.get(secret).path("writeOnly").asBoolean(false),
                    "configurationSchema(): the credential setting " + secret + " is not \"writeOnly\": true");
        }
        // The hub must be able to build a validator from it (it does, before saving any settings).
        REGISTRY.getSchema(schemaText, InputFormat.JSON);
        return schema;
    }

    /** Asserts that every setting name is a declared property when the schema allows no others. */
    public static void assertDeclares(JsonNode schema, Collection<String> settingNames) {
        if (schema.path("additionalProperties").isBoolean() && !schema.path("additionalProperties").asBoolean()) {
            for (String name : settingNames) {
                assertTrue(schema.path("properties").has(name),
                        "setting " + name + " is not a property of configurationSchema() (additionalProperties is false)");
            }
        }
    }

    private static void collectRefs(JsonNode node, String path, List<String> outside) {
        if (node.isObject()) {
            node.properties().forEach(e -> {
                if ((e.getKey().equals("$ref") || e.getKey().equals("$dynamicRef")) && e.getValue().isTextual()
                        && !e.getValue().asText().startsWith("#")) {
                    outside.add(path + "/" + e.getKey() + "=" + e.getValue().asText());
                }
                collectRefs(e.getValue(), path + "/" + e.getKey(), outside);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectRefs(node.get(i), path + "/" + i, outside);
            }
        }
    }
}
