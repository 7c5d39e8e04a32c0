package io.countersign.engine.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.countersign.engine.json.Json;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccessRequestJsonTest {

    static AccessRequest read(String json) throws JsonProcessingException {
        return Json.mapper().readValue(json, AccessRequest.class);
    }

    @Test
    void durationsReadInEitherFormAndWriteAsIso() throws JsonProcessingException {
        AccessRequest a = read("{\"requester\":\"a\",\"profile\":\"p\",\"duration\":\"1h30m\"}");
        AccessRequest b = read("{\"requester\":\"a\",\"profile\":\"p\",\"duration\":\"PT1H30M\"}");
        assertEquals(Duration.ofMinutes(90), a.duration());
        assertEquals(a, b);
        assertEquals("{\"requester\":\"a\",\"groups\":[],\"attributes\":{},\"profile\":\"p\",\"permissions\":[],"
                + "\"duration\":\"PT1H30M\",\"context\":{}}", Json.mapper().writeValueAsString(a));
    }

    @Test
    void openValuesNormaliseNumbers() throws JsonProcessingException {
        AccessRequest r = read("{\"requester\":\"a\",\"profile\":\"p\",\"duration\":\"1h\","
                + "\"context\":{\"level\":5,\"ratio\":0.5,\"tags\":[1,2]}}");
        assertEquals(new BigDecimal(5), r.context().get("level"));
        assertEquals(List.of(new BigDecimal(1), new BigDecimal(2)), r.context().get("tags"));
    }

    @Test
    void badInputNamesTheField() {
        assertEquals("unknown field 'requestor'", describe("{\"requestor\":\"a\"}"));
        assertEquals("field 'duration': cannot read \"soon\" as a duration, like 1h30m or PT1H30M",
                describe("{\"duration\":\"soon\"}"));
        assertEquals("field 'at': cannot read \"yesterday\" as an ISO-8601 instant with offset, like 2026-03-02T10:00:00+01:00",
                describe("{\"at\":\"yesterday\"}"));
        assertEquals("field 'groups': expected a list", describe("{\"groups\":\"oncall\"}"));
    }

    static String describe(String json) {
        return Json.describe(assertThrows(JsonProcessingException.class, () -> read(json)));
    }

    @Test
    void validationNamesTheField() {
        assertEquals("field 'requester': is required", invalid(new AccessRequest(null, null, null, null, "p", null,
                Duration.ofHours(1), null, null, null, null, null)));
        assertEquals("field 'duration': must be longer than zero", invalid(new AccessRequest(null, "a", null, null,
                "p", null, Duration.ZERO, null, null, null, null, null)));
        assertEquals("field 'permissions[1]': repeats \"read\"", invalid(new AccessRequest(null, "a", null, null,
                "p", List.of("read", "read"), Duration.ofHours(1), null, null, null, null, null)));
        assertEquals("field 'justification': says nothing: write why the access is needed (or leave the field out)",
                invalid(new AccessRequest(null, "a", null, null, "p", null, Duration.ofHours(1), null, " ...! ", null,
                        null, null)));
    }

    @Test
    void aClientsIdIsAKeyEveryStoreKeepsAsItIs() {
        for (String ok : List.of("1f0c9e4a-5d2b-4c61-9a43-0e8f6b7d2c11", "chg-8", "CHG_7.admin:2", "a".repeat(128))) {
            assertEquals(ok, RequestValidation.validate(withId(ok)).id());
        }
        for (String bad : List.of("x\uD800", "a b", "a/b", "-lead", ".hidden", "caf\u00E9", "a\u0000", "a\u202Eb",
                "a#b", "a".repeat(129))) {
            assertEquals("field 'id': must be 1 to 128 letters (a-z, A-Z), digits and . _ : - , beginning with a"
                    + " letter or a digit (leave it out to have one generated)", invalid(withId(bad)), bad);
        }
    }

    private static AccessRequest withId(String id) {
        return new AccessRequest(id, "a", null, null, "p", null, Duration.ofHours(1), null, null, null, null, null);
    }

    static String invalid(AccessRequest r) {
        return assertThrows(InvalidRequestException.class, () -> RequestValidation.validate(r)).getMessage();
    }
}
