package app.pacer.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Draft6;
import com.networknt.schema.keyword.NonValidationKeyword;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Checks an Adaptive Card as Teams would get it: against Microsoft's published Adaptive Card 1.5 JSON schema
 * (a pinned copy in {@code src/test/resources/adaptivecards}, refused when its SHA-256 differs), plus the two
 * input rules the official renderer warns about but the schema cannot say (microsoft/AdaptiveCards,
 * source/nodejs/adaptivecards/src/card-elements.ts, {@code Input.internalValidateProperties}): a required input
 * has a label and an error message, and input ids are unique in a card.
 *
 * <p>One allowance, because Teams documents it and the schema does not know it: the card's root may carry an
 * {@code msteams} object ({@code "width": "Full"}, {@code "entities"} for mentions; learn.microsoft.com, "Format
 * cards in Microsoft Teams"). The schema's {@code AdaptiveCard} has {@code additionalProperties: false}, so it is
 * taken off before the schema check and checked here on its own: only those two keys, width only "Full". Nothing
 * else outside the schema is allowed. {@code Action.Submit}'s {@code data} (where Teams reads {@code msteams} too)
 * is any object to the schema already.
 */
public final class AdaptiveCardSchema {

    public static final String RESOURCE = "/adaptivecards/adaptive-card.v1.5.schema.json";
    /** microsoft/AdaptiveCards schemas/1.5.0/adaptive-card.json @ 644d933e185a8482c4dcf4c375d177aac37fd095. */
    public static final String SHA256 = "32c91fb285180a266a55b3475dd0396e63fe079311714d3a14963b41f5e17920";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> MSTEAMS_KEYS = Set.of("width", "entities");
    private static volatile Schema schema;
    private static volatile JsonNode schemaNode;

    private AdaptiveCardSchema() {
    }

    /** What is wrong with {@code card}; empty when Teams' renderer takes it as it is. */
    public static List<String> problems(JsonNode card) {
        List<String> problems = new ArrayList<>();
        JsonNode checked = card;
        if (card.isObject() && card.has("msteams")) {
            checked = card.deepCopy();
            msteams(((ObjectNode) checked).remove("msteams"), problems);
        }
        for (Error error : schema().validate(checked)) {
            if (!otherBranch(checked, error)) {
                problems.add(error.getInstanceLocation() + ": " + error.getMessage());
            }
        }
        inputs(card, new HashSet<>(), problems);
        return problems;
    }

    /** Fails with the card and what is wrong with it. */
    public static void assertValid(JsonNode card) {
        List<String> problems = problems(card);
        if (!problems.isEmpty()) {
            throw new AssertionError(report(card, problems));
        }
    }

    static String report(JsonNode card, List<String> problems) {
        return "Adaptive Card breaks the 1.5 schema or the renderer's input rules:\n  - "
                + String.join("\n  - ", problems) + "\ncard: " + pretty(card);
    }

    /**
     * Whether {@code error} only says that an element is not some other kind of element. The schema lists every
     * element kind in one {@code anyOf}, so a bad {@code Input.Number} also fails the {@code ActionSet}, {@code Image},
     * … branches; those say nothing about it and would bury the one that does. An element of an unknown type keeps
     * every error.
     */
    private static boolean otherBranch(JsonNode card, Error error) {
        String fragment = String.valueOf(error.getSchemaLocation().getFragment());
        if (!fragment.startsWith("/definitions/")) {
            return false;
        }
        String definition = fragment.substring("/definitions/".length()).split("/", 2)[0];
        if (!typed(definition)) {
            return false;
        }
        String pointer = String.valueOf(error.getInstanceLocation());
        JsonNode element = card.at(pointer);
        // the nearest object around the failing value: the element the branch was tried on
        while (!element.isObject() && pointer.contains("/")) {
            pointer = pointer.substring(0, pointer.lastIndexOf('/'));
            element = card.at(pointer);
        }
        String type = element.path("type").asText("");
        return typed(type) && !type.equals(definition);
    }

    /** A definition of an element or action kind: it pins its {@code type}. */
    private static boolean typed(String definition) {
        return schemaNode().path("definitions").path(definition).path("properties").path("type").has("enum");
    }

    private static void msteams(JsonNode msteams, List<String> problems) {
        if (!msteams.isObject()) {
            problems.add("$.msteams: not an object");
            return;
        }
        msteams.fieldNames().forEachRemaining(key -> {
            if (!MSTEAMS_KEYS.contains(key)) {
                problems.add("$.msteams." + key + ": not a property Teams documents");
            }
        });
        if (msteams.has("width") && !"Full".equals(msteams.get("width").asText())) {
            problems.add("$.msteams.width: only \"Full\" is documented");
        }
        if (msteams.has("entities") && !msteams.get("entities").isArray()) {
            problems.add("$.msteams.entities: not an array");
        }
    }

    /** Every input element anywhere in the card (body, containers, show-card actions). */
    private static void inputs(JsonNode node, Set<String> ids, List<String> problems) {
        if (node.isObject()) {
            String type = node.path("type").asText("");
            if (type.startsWith("Input.") && !type.equals("Input.Choice")) {
                String id = node.path("id").asText("");
                if (!id.isEmpty() && !ids.add(id)) {
                    problems.add(type + " \"" + id + "\": duplicate input id (DuplicateId)");
                }
                if (node.path("isRequired").asBoolean(false)) {
                    if (node.path("label").asText("").isBlank()) {
                        problems.add(type + " \"" + id + "\": required input without a label (RequiredInputsShouldHaveLabel)");
                    }
                    if (node.path("errorMessage").asText("").isBlank()) {
                        problems.add(type + " \"" + id
                                + "\": required input without an errorMessage (RequiredInputsShouldHaveErrorMessage)");
                    }
                }
            }
            node.elements().forEachRemaining(child -> inputs(child, ids, problems));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(child -> inputs(child, ids, problems));
        }
    }

    private static Schema schema() {
        Schema loaded = schema;
        if (loaded == null) {
            synchronized (AdaptiveCardSchema.class) {
                if (schema == null) {
                    JsonNode node = readVerified();
                    schemaNode = node;
                    // the file declares draft-06 but names itself with draft-04's "id"; to draft-06 that is an
                    // unknown keyword, to be ignored (the validator would otherwise refuse the schema)
                    Dialect dialect = Dialect.builder(Draft6.getInstance()).keyword(new NonValidationKeyword("id")).build();
                    schema = SchemaRegistry.withDefaultDialect(dialect).getSchema(node);
                }
                loaded = schema;
            }
        }
        return loaded;
    }

    private static JsonNode schemaNode() {
        schema();
        return schemaNode;
    }

    /** The schema file, parsed, once its SHA-256 matches {@link #SHA256}. */
    private static JsonNode readVerified() {
        try (InputStream in = AdaptiveCardSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + RESOURCE);
            }
            byte[] bytes = in.readAllBytes();
            String actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            if (!SHA256.equals(actual)) {
                throw new IllegalStateException(RESOURCE + " has SHA-256 " + actual + ", expected " + SHA256
                        + ": it is not the pinned copy of Microsoft's schema");
            }
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pretty(JsonNode node) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (IOException e) {
            return node.toString();
        }
    }
}
