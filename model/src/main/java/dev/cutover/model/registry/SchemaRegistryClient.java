package dev.cutover.model.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.model.registry.SchemaRegistryException.Kind;
import dev.cutover.model.wire.WriterSchemas;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client for the Confluent Schema Registry REST API on the JDK HTTP client. Works against
 * Confluent's registry and against any registry with a Confluent-compatible API (Apicurio's {@code
 * /apis/ccompat/v7}). Schemas by id are cached: ids are immutable. Thread-safe.
 */
public final class SchemaRegistryClient implements WriterSchemas {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryClient.class);
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String ACCEPT = CONTENT_TYPE + ", application/json";

    private final RegistryClientConfig config;
    private final String displayUrl;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<Integer, Schema> schemaById = new ConcurrentHashMap<>();

    public SchemaRegistryClient(RegistryClientConfig config) {
        this.config = config;
        this.displayUrl = Redaction.url(config.baseUrl());
        HttpClient.Builder builder =
                HttpClient.newBuilder()
                        .connectTimeout(config.requestTimeout())
                        .followRedirects(HttpClient.Redirect.NORMAL);
        config.sslContext().ifPresent(builder::sslContext);
        this.http = builder.build();
    }

    public static SchemaRegistryClient of(String baseUrl) {
        return new SchemaRegistryClient(RegistryClientConfig.of(baseUrl));
    }

    /** The base URL without credentials, for messages. */
    public String displayUrl() {
        return displayUrl;
    }

    /**
     * Registers {@code schema} under {@code subject} (a no-op returning the existing id when the
     * subject already has it).
     *
     * @return the schema id that the wire format carries
     */
    public int register(String subject, Schema schema) {
        ObjectNode body = json.createObjectNode().put("schema", schema.toString());
        JsonNode answer = send("POST", "/subjects/" + segment(subject) + "/versions", body);
        int id = answer.path("id").asInt(-1);
        if (id < 0) {
            throw new SchemaRegistryException(
                    Kind.REJECTED,
                    200,
                    "schema registry at " + displayUrl + " answered register without an id",
                    null);
        }
        schemaById.putIfAbsent(id, schema);
        return id;
    }

    /** The writer schema with this id; empty when the registry does not know it. */
    @Override
    public Optional<Schema> byId(int schemaId) {
        Schema cached = schemaById.get(schemaId);
        if (cached != null) {
            return Optional.of(cached);
        }
        try {
            JsonNode answer = send("GET", "/schemas/ids/" + schemaId, null);
            Schema schema = parse(answer.path("schema").asText());
            schemaById.putIfAbsent(schemaId, schema);
            return Optional.of(schema);
        } catch (SchemaRegistryException e) {
            if (e.kind() == Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The newest version registered under {@code subject}. */
    public RegisteredSchema latest(String subject) {
        JsonNode answer = send("GET", "/subjects/" + segment(subject) + "/versions/latest", null);
        Schema schema = parse(answer.path("schema").asText());
        int id = answer.path("id").asInt();
        schemaById.putIfAbsent(id, schema);
        return new RegisteredSchema(
                answer.path("subject").asText(subject), answer.path("version").asInt(), id, schema);
    }

    /** Every subject the registry holds; also the cheapest check that it answers. */
    public List<String> subjects() {
        JsonNode answer = send("GET", "/subjects", null);
        List<String> subjects = new ArrayList<>();
        answer.forEach(subject -> subjects.add(subject.asText()));
        return subjects;
    }

    /** Whether {@code schema} may be registered under {@code subject} by its compatibility rule. */
    public boolean isCompatible(String subject, Schema schema) {
        ObjectNode body = json.createObjectNode().put("schema", schema.toString());
        JsonNode answer =
                send(
                        "POST",
                        "/compatibility/subjects/" + segment(subject) + "/versions/latest",
                        body);
        return answer.path("is_compatible").asBoolean(false);
    }

    private JsonNode send(String method, String path, JsonNode body) {
        URI uri = URI.create(config.baseUrl() + path);
        String where = method + " " + displayUrl + path;
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri)
                        .timeout(config.requestTimeout())
                        .header("Accept", ACCEPT)
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body.toString()));
        if (body != null) {
            request.header("Content-Type", CONTENT_TYPE);
        }
        config.credentials()
                .ifPresent(c -> request.header("Authorization", c.authorizationHeader()));

        Duration backoff = config.initialBackoff();
        Exception lastCause = null;
        String lastProblem = "";
        for (int attempt = 1; attempt <= config.maxAttempts(); attempt++) {
            if (attempt > 1) {
                LOG.debug("retrying {} in {} ms ({})", where, backoff.toMillis(), lastProblem);
                sleep(backoff, where);
                backoff = backoff.multipliedBy(2);
            }
            HttpResponse<String> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                lastCause = e;
                lastProblem = describe(e);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaRegistryException(
                        Kind.UNAVAILABLE, 0, where + " was interrupted", e);
            }
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return parseJson(response.body(), where);
            }
            if (status >= 500) {
                lastCause = null;
                lastProblem = "HTTP " + status + errorMessage(response.body());
                continue;
            }
            throw new SchemaRegistryException(
                    kindOf(status),
                    status,
                    where + " failed: HTTP " + status + errorMessage(response.body()),
                    null);
        }
        throw new SchemaRegistryException(
                Kind.UNAVAILABLE,
                0,
                "schema registry unavailable: "
                        + where
                        + " failed after "
                        + config.maxAttempts()
                        + " attempts ("
                        + lastProblem
                        + ")",
                lastCause);
    }

    private static Kind kindOf(int status) {
        return switch (status) {
            case 401, 403 -> Kind.UNAUTHORIZED;
            case 404 -> Kind.NOT_FOUND;
            case 409 -> Kind.INCOMPATIBLE;
            default -> Kind.REJECTED;
        };
    }

    private JsonNode parseJson(String text, String where) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new SchemaRegistryException(
                    Kind.REJECTED, 200, where + " answered with invalid JSON", e);
        }
    }

    private String errorMessage(String body) {
        try {
            JsonNode error = json.readTree(body);
            String message = error.path("message").asText("");
            return message.isEmpty() ? "" : ": " + message;
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static String describe(IOException e) {
        String name = e.getClass().getSimpleName();
        return e.getMessage() == null ? name : name + ": " + e.getMessage();
    }

    private static Schema parse(String text) {
        return new Schema.Parser().parse(text);
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void sleep(Duration duration, String where) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException(Kind.UNAVAILABLE, 0, where + " was interrupted", e);
        }
    }
}
