package io.countersign.engine.transfer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.countersign.engine.decision.ApprovalDecision;
import io.countersign.engine.event.Event;
import io.countersign.engine.json.Json;
import io.countersign.engine.store.Archive;
import io.countersign.engine.store.History;
import io.countersign.engine.model.StoredRequest;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an export ({@link ExportFormat}) one request at a time, refusing anything that is not exactly
 * the format: every line is checked, and a problem names its line. Holds one request's record and the
 * ids seen so far, whatever the size of the export.
 */
public final class ExportReader {

    private static final Set<String> REQUEST_FIELDS = Set.of(ExportFormat.KIND, ExportFormat.REQUEST);
    private static final Set<String> DECISION_FIELDS = Set.of(ExportFormat.KIND, ExportFormat.REQUEST_ID,
            ExportFormat.DECISION);
    private static final Set<String> EVENT_FIELDS = Set.of(ExportFormat.KIND, ExportFormat.REQUEST_ID,
            ExportFormat.EVENT, ExportFormat.DELIVERY);
    private static final Set<String> END_FIELDS = Set.of(ExportFormat.KIND, "requests", "decisions", "events");
    private static final Set<String> HEADER_FIELDS = Set.of(ExportFormat.KIND, "format", "version", "exportedAt");

    private final InputStream in;
    private long number;
    private boolean started;
    private boolean ended;
    /** A line read ahead: the one after the last record of a request. */
    private Line ahead;
    private ExportCounts counts = ExportCounts.NONE;
    private final Map<String, Long> seen = new HashMap<>();

    /** One line, parsed: its number, its kind, its object. */
    private record Line(long number, String kind, ObjectNode node) {
    }

    /** Reads {@code in} as UTF-8 lines, refusing a line that is not UTF-8. */
    public ExportReader(InputStream in) {
        this.in = new BufferedInputStream(in, 1 << 16);
    }

    /**
     * The next request's record; null after the end line, once the counts it states have been checked
     * and nothing follows it.
     *
     * @throws BadExportException naming the line at fault
     */
    public Archive next() throws IOException, BadExportException {
        if (!started) {
            header();
            started = true;
        }
        if (ended) {
            return null;
        }
        Line first = ahead != null ? ahead : read();
        ahead = null;
        if (first.kind().equals(ExportFormat.END)) {
            end(first);
            return null;
        }
        if (!first.kind().equals(ExportFormat.REQUEST)) {
            throw new BadExportException(first.number(), "a " + first.kind() + " line must follow its request's line");
        }
        fields(first, REQUEST_FIELDS);
        StoredRequest request = value(first, ExportFormat.REQUEST, StoredRequest.class);
        if (request.id() == null || request.id().isBlank()) {
            throw new BadExportException(first.number(), "the request has no id");
        }
        Long before = seen.putIfAbsent(request.id(), first.number());
        if (before != null) {
            throw new BadExportException(first.number(), "request " + abbreviate(request.id())
                    + " appears twice (first on line " + before + ")");
        }
        List<ApprovalDecision> decisions = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        List<Archive.Delivery> deliveries = new ArrayList<>();
        for (Line line = read(); ; line = read()) {
            if (line.kind().equals(ExportFormat.DECISION)) {
                fields(line, DECISION_FIELDS);
                belongs(line, request.id());
                if (!events.isEmpty()) {
                    throw new BadExportException(line.number(), "a request's decisions come before its events");
                }
                decisions.add(value(line, ExportFormat.DECISION, ApprovalDecision.class));
            } else if (line.kind().equals(ExportFormat.EVENT)) {
                fields(line, EVENT_FIELDS);
                belongs(line, request.id());
                Event e = value(line, ExportFormat.EVENT, Event.class);
                events.add(e);
                if (line.node().has(ExportFormat.DELIVERY)) {
                    Archive.Delivery d = value(line, ExportFormat.DELIVERY, ExportFormat.Delivery.class).of(e.id());
                    if (d == null) {
                        throw new BadExportException(line.number(), "the delivery says the event was delivered, and"
                                + " also that it is dead or due again: it can be only one");
                    }
                    deliveries.add(d);
                }
            } else {
                ahead = line;
                break;
            }
        }
        counts = counts.plus(decisions.size(), events.size());
        return new Archive(new History(request, decisions, events), deliveries);
    }

    /** What has been read so far; after {@link #next} returned null, the whole export's. */
    public ExportCounts counts() {
        return counts;
    }

    private void header() throws IOException, BadExportException {
        String text = line();
        if (text == null) {
            throw new BadExportException(1, "the file is empty: an export starts with its "
                    + "{\"kind\":\"export\",...} line");
        }
        Line header = parse(text);
        if (!header.kind().equals(ExportFormat.HEADER) || !ExportFormat.FORMAT.equals(header.node().path("format")
                .asText())) {
            throw new BadExportException(1, "not a countersign store export: the first line must be"
                    + " {\"kind\":\"export\",\"format\":\"" + ExportFormat.FORMAT + "\",...}");
        }
        fields(header, HEADER_FIELDS);
        JsonNode version = header.node().path("version");
        if (!version.isInt()) {
            throw new BadExportException(1, "the export's version is missing or not a number");
        }
        if (version.asInt() < ExportFormat.OLDEST || version.asInt() > ExportFormat.VERSION) {
            String reads = ExportFormat.OLDEST + " to " + ExportFormat.VERSION;
            String why = version.asInt() > ExportFormat.VERSION
                    ? " is newer than this countersign reads (" + reads + "): use a newer countersign"
                    : " is not one this countersign reads (" + reads + ")";
            throw new BadExportException(1, "export format version " + version.asInt() + why);
        }
    }

    private void end(Line end) throws IOException, BadExportException {
        fields(end, END_FIELDS);
        ExportCounts said = new ExportCounts(count(end, "requests"), count(end, "decisions"), count(end, "events"));
        if (!said.equals(counts)) {
            throw new BadExportException(end.number(), "the end line counts " + said + ", but the export holds "
                    + counts);
        }
        if (line() != null) {
            throw new BadExportException(number, "nothing may follow the end line");
        }
        ended = true;
    }

    private static long count(Line line, String field) throws BadExportException {
        JsonNode n = line.node().path(field);
        if (!n.canConvertToLong() || !n.isIntegralNumber() || n.asLong() < 0) {
            throw new BadExportException(line.number(), "'" + field + "' must be a count");
        }
        return n.asLong();
    }

    /** The next line parsed; an export that ends before its end line was cut short. */
    private Line read() throws IOException, BadExportException {
        String text = line();
        if (text == null) {
            throw new BadExportException(number + 1, "the export ends without its end line: it was cut short"
                    + " (after " + counts + " read whole)");
        }
        return parse(text);
    }

    private Line parse(String text) throws BadExportException {
        if (text.isBlank()) {
            throw new BadExportException(number, "an empty line: every line of an export is one JSON record");
        }
        JsonNode node;
        try {
            node = Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            // Jackson's own words up to where it starts describing its source: the column says where.
            String why = e.getOriginalMessage().split("\\R| \\(start marker|\\[Source")[0].strip();
            why = why.length() <= 140 ? why : why.substring(0, 137) + "...";
            long column = e.getLocation() == null ? -1 : e.getLocation().getColumnNr();
            throw new BadExportException(number, "not JSON" + (column > 0 ? " at column " + column : "") + ": "
                    + escape(why));
        }
        if (!(node instanceof ObjectNode o)) {
            throw new BadExportException(number, "not a JSON object");
        }
        JsonNode kind = o.get(ExportFormat.KIND);
        if (kind == null || !kind.isTextual()) {
            throw new BadExportException(number, "the record has no \"kind\"");
        }
        String k = kind.asText();
        if (!Set.of(ExportFormat.HEADER, ExportFormat.REQUEST, ExportFormat.DECISION, ExportFormat.EVENT,
                ExportFormat.END).contains(k)) {
            throw new BadExportException(number, "unknown kind '" + abbreviate(k) + "': one of request, decision,"
                    + " event, end");
        }
        if (k.equals(ExportFormat.HEADER) && number != 1) {
            throw new BadExportException(number, "a second export header: exports cannot be joined by concatenation");
        }
        return new Line(number, k, o);
    }

    private static void fields(Line line, Set<String> allowed) throws BadExportException {
        for (Iterator<String> names = line.node().fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new BadExportException(line.number(), "unknown field '" + abbreviate(name) + "' in a "
                        + line.kind() + " line");
            }
        }
    }

    private static void belongs(Line line, String id) throws BadExportException {
        JsonNode owner = line.node().get(ExportFormat.REQUEST_ID);
        if (owner == null || !owner.isTextual() || !owner.asText().equals(id)) {
            throw new BadExportException(line.number(), "this " + line.kind() + " line names request "
                    + (owner == null ? "none" : abbreviate(owner.asText())) + ", but follows request "
                    + abbreviate(id) + "'s");
        }
    }

    private static <T> T value(Line line, String field, Class<T> type) throws BadExportException {
        JsonNode v = line.node().get(field);
        if (v == null || !v.isObject()) {
            throw new BadExportException(line.number(), "the " + line.kind() + " line has no '" + field + "' object");
        }
        try {
            return Json.mapper().treeToValue(v, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            String why = e instanceof JsonProcessingException j ? Json.describe(j) : e.getMessage();
            throw new BadExportException(line.number(), "the " + field + " does not read: " + escape(why));
        }
    }

    /**
     * The next line of text without its end, or null at the end of the input. Lines are split on bytes
     * ({@code \n} never occurs inside a UTF-8 sequence) and decoded one by one, so that text that is not
     * UTF-8 is refused on its own line; a line is bounded.
     */
    private String line() throws IOException, BadExportException {
        int c = in.read();
        if (c < 0) {
            return null;
        }
        number++;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        while (c >= 0 && c != '\n') {
            if (bytes.size() == ExportFormat.MAX_LINE) {
                throw new BadExportException(number, "longer than " + ExportFormat.MAX_LINE / (1024 * 1024)
                        + " MB: not a record of an export");
            }
            bytes.write(c);
            c = in.read();
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new BadExportException(number, "not UTF-8 text");
        }
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    /** Text from the input, cut to a length fit for a message, its control and bidi characters escaped. */
    static String abbreviate(String s) {
        return escape(s.length() <= 60 ? s : s.substring(0, 57) + "...");
    }

    /** Text for a terminal: a control or bidi character from the input cannot move the cursor or the line. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean bidi = c == '\u061c' || c == '\u200e' || c == '\u200f' || c >= '\u202a' && c <= '\u202e'
                    || c >= '\u2066' && c <= '\u2069';
            if (Character.isISOControl(c) || bidi) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
