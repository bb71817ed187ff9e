package br.com.recebiveishub.testkit.pix;

import br.com.recebiveishub.testkit.SharedSamples;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Banco Central API Pix OpenAPI (2.9.0), read from {@code shared/specs} at test time, as a set
 * of JSON Schemas to validate request and response bodies against.
 *
 * <p>The published document has a few defects that make valid traffic fail a strict validator.
 * They are corrected in memory, each listed in {@link #errata()} (and in the pay-pix README), so
 * that every other rule of the spec is enforced as written:
 *
 * <ol>
 *   <li>CPF patterns are written as JavaScript regex literals ({@code "/^\d{11}$/"}), which as a
 *       JSON Schema pattern matches no CPF at all: the slashes are dropped.</li>
 *   <li>Patterns are not anchored ({@code "\d{1,10}\.\d{2}"} accepts {@code "1.234"}); JSON Schema
 *       patterns are searched, not matched, so every pattern is anchored as the field
 *       descriptions intend.</li>
 *   <li>{@code DadosRecebedor} repeats the address {@code required} list at its own level, where
 *       the fields do not exist (they are inside {@code recebedor}): the outer list is dropped.</li>
 *   <li>{@code CobVValor.desconto.oneOf}: the first branch (dated discounts) has no required field,
 *       so a percentage discount matches both branches and fails {@code oneOf}: the first branch
 *       requires {@code descontoDataFixa}.</li>
 *   <li>{@code Pix.txid} is {@code allOf} TxId (26-35) and 1-35, which refuses the txid of every
 *       static BR Code (up to 25): it is 1-35 letters and digits.</li>
 *   <li>{@code location} fields are {@code format: uri}, yet the API and the BR Code carry them
 *       without scheme (every example does): the format is dropped there.</li>
 * </ol>
 */
public final class PixOpenApi {

    private static final String BASE = "https://pix.simulador.test/openapi.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SchemaRegistry registry;
    private final List<String> errata = new ArrayList<>();
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    private PixOpenApi(ObjectNode doc, boolean corrected) {
        if (corrected) {
            applyErrata(doc);
        }
        String json = doc.toString();
        this.registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi30(), b -> b.schemas(Map.of(BASE, json)));
    }

    /** Loads {@code shared/specs/bacen-api-pix-openapi.yaml} (the test is skipped, or fails in CI, without it). */
    public static PixOpenApi fromShared() {
        return load(SharedSamples.require("specs/bacen-api-pix-openapi.yaml"));
    }

    /** Loads the OpenAPI YAML at {@code file}, corrected by the errata. */
    public static PixOpenApi load(Path file) {
        return load(file, true);
    }

    /** Loads the OpenAPI YAML at {@code file} as published ({@code corrected} false), to show why each erratum exists. */
    public static PixOpenApi load(Path file, boolean corrected) {
        try {
            JsonNode doc = new YAMLMapper().readTree(file.toFile());
            if (!(doc instanceof ObjectNode o) || !doc.path("paths").has("/cob/{txid}")) {
                throw new IllegalArgumentException(file + " is not the API Pix OpenAPI");
            }
            return new PixOpenApi(o, corrected);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    /** @return the corrections applied to the published document, one line each */
    public List<String> errata() {
        return Collections.unmodifiableList(errata);
    }

    /**
     * Validates {@code instance} against a component schema ({@code "CobGerada"}) or any JSON
     * pointer into the document ({@code "#/components/requestBodies/WebhookPixBody/content/application~1json/schema"}).
     *
     * @return one line per violation ({@code instance path: message}); empty when valid
     */
    public List<String> validate(String schema, JsonNode instance) {
        String pointer = schema.startsWith("#") ? schema : "#/components/schemas/" + schema;
        Schema s = schemas.computeIfAbsent(pointer, p -> registry.getSchema(SchemaLocation.of(BASE + p)));
        List<String> out = new ArrayList<>();
        for (Error e : s.validate(instance)) {
            out.add(e.getInstanceLocation() + ": " + e.getMessage());
        }
        return out;
    }

    /** As {@link #validate(String, JsonNode)} for a JSON text. */
    public List<String> validate(String schema, String json) {
        try {
            return validate(schema, JSON.readTree(json));
        } catch (IOException e) {
            return List.of("$: body is not JSON");
        }
    }

    private void applyErrata(ObjectNode doc) {
        int[] slashes = {0};
        int[] anchored = {0};
        int[] uris = {0};
        walk(doc, null, slashes, anchored, uris);
        errata.add("patterns written as /regex/ literals: slashes dropped (" + slashes[0] + ")");
        errata.add("patterns anchored with ^...$ (" + anchored[0] + ")");
        errata.add("format uri dropped from location fields, which carry no scheme (" + uris[0] + ")");

        ObjectNode s = (ObjectNode) doc.path("components").path("schemas");
        ObjectNode recebedor = (ObjectNode) s.get("DadosRecebedor");
        if (recebedor != null && recebedor.has("required")) {
            recebedor.remove("required");
            errata.add("DadosRecebedor: outer required address list dropped (the fields live in recebedor)");
        }
        JsonNode oneOf = s.path("CobVValor").path("properties").path("desconto").path("oneOf");
        if (oneOf.isArray() && oneOf.size() == 2 && oneOf.get(0) instanceof ObjectNode first && !first.has("required")) {
            first.putArray("required").add("descontoDataFixa");
            errata.add("CobVValor.desconto.oneOf[0]: requires descontoDataFixa (else a valorPerc discount matches both branches)");
        }
        JsonNode pixProps = s.path("Pix").path("properties");
        if (pixProps instanceof ObjectNode pp && pp.has("txid")) {
            ObjectNode txid = JSON.createObjectNode().put("type", "string").put("pattern", "^[a-zA-Z0-9]{1,35}$");
            pp.set("txid", txid);
            errata.add("Pix.txid: 1 to 35 letters and digits (allOf TxId 26-35 refused static BR Code txids)");
        }
    }

    private static void walk(JsonNode node, String fieldName, int[] slashes, int[] anchored, int[] uris) {
        if (node instanceof ObjectNode o) {
            JsonNode p = o.get("pattern");
            if (p != null && p.isTextual()) {
                String re = p.asText();
                if (re.length() > 2 && re.startsWith("/") && re.endsWith("/")) {
                    re = re.substring(1, re.length() - 1);
                    slashes[0]++;
                }
                if (!re.startsWith("^") || !re.endsWith("$")) {
                    re = (re.startsWith("^") ? "" : "^") + re + (re.endsWith("$") ? "" : "$");
                    anchored[0]++;
                }
                o.put("pattern", re);
            }
            if ("location".equals(fieldName) && "uri".equals(o.path("format").asText())) {
                o.remove("format");
                uris[0]++;
            }
            Iterator<Map.Entry<String, JsonNode>> it = o.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                walk(e.getValue(), e.getKey(), slashes, anchored, uris);
            }
        } else if (node instanceof ArrayNode a) {
            for (JsonNode c : a) {
                walk(c, null, slashes, anchored, uris);
            }
        }
    }
}
