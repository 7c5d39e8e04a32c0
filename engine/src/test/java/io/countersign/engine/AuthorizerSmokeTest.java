package io.countersign.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.countersign.engine.decide.Evaluation;
import io.countersign.engine.decide.Outcome;
import io.countersign.engine.json.Json;
import io.countersign.engine.policy.PolicySet;
import io.countersign.engine.request.AccessRequest;
import io.countersign.lang.source.SourceFile;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuthorizerSmokeTest {

    static final String POLICY = """
            policy production {
              scope profile matches "prod-*"
              default require approval from 1 of group "sre-leads"
              window business-hours = mon-fri 08:00-19:00 in "Europe/Berlin"
              risk contractor +40 when requester.employment == "contractor"
              risk no-ticket +25 when not has ticket
              risk out-of-hours +20 when not now during business-hours
              rule oncall-readonly {
                when profile == "prod-readonly" and requester in group "oncall" and duration <= 4h
                then approve stipulate "Session is recorded"
              }
              rule admin {
                when profile == "prod-admin"
                then require approval from 2 of group "sre-leads" then from 1 of user "cto" when risk >= 70
                  cap duration 4h
              }
              rule contractors-not-admin {
                when requester.employment == "contractor" and profile == "prod-admin"
                then deny "Contractors may not hold production admin" appeal to group "department-heads"
              }
              rule read-subset {
                when profile == "prod-data" and permissions contains any ["read", "list"]
                then approve grant only ["read", "list"]
              }
            }
            """;

    static AccessRequest request(String json) throws Exception {
        return Json.mapper().readValue(json, AccessRequest.class);
    }

    @Test
    void droolsAndReferenceAgreeOnTheExample() throws Exception {
        PolicySet set = PolicySet.of(List.of(new SourceFile("prod.policy", POLICY)));
        Authorizer drools = Authorizer.of(set);
        Authorizer reference = Authorizer.reference(set);
        String[] requests = {
            "{\"requester\":\"alice\",\"groups\":[\"oncall\"],\"profile\":\"prod-readonly\",\"duration\":\"1h\",\"at\":\"2026-03-02T10:00:00+01:00\"}",
            "{\"requester\":\"carol\",\"attributes\":{\"employment\":\"contractor\"},\"profile\":\"prod-admin\",\"duration\":\"2h\",\"at\":\"2026-03-07T23:00:00Z\"}",
            "{\"requester\":\"bob\",\"attributes\":{\"employment\":\"employee\"},\"profile\":\"prod-admin\",\"duration\":\"8h\",\"at\":\"2026-03-07T23:00:00Z\"}",
            "{\"requester\":\"bob\",\"profile\":\"prod-data\",\"permissions\":[\"read\",\"write\"],\"duration\":\"1h\",\"ticket\":\"T-1\",\"at\":\"2026-03-02T10:00:00Z\"}",
            "{\"requester\":\"bob\",\"profile\":\"dev-x\",\"duration\":\"1h\",\"at\":\"2026-03-02T10:00:00Z\"}",
        };
        Outcome[] expected = {Outcome.CONDITIONAL, Outcome.DENIED, Outcome.PENDING, Outcome.PARTIAL, Outcome.DENIED};
        for (int i = 0; i < requests.length; i++) {
            Evaluation d = drools.decide(request(requests[i]));
            Evaluation r = reference.decide(request(requests[i]));
            assertEquals(expected[i], d.outcome(), requests[i] + "\n" + d.rationale());
            assertEquals(Json.mapper().writeValueAsString(r), Json.mapper().writeValueAsString(d));
        }
    }

    @Test
    void stagesFollowTheFilesSortedPathsWhateverOrderTheyArePassedIn() throws Exception {
        SourceFile a = new SourceFile("a.policy", "policy pa {\n  rule r {\n    then require approval from 1 of group \"ga\"\n  }\n}\n");
        SourceFile b = new SourceFile("b.policy", "policy pb {\n  rule r {\n    then require approval from 1 of group \"gb\"\n  }\n}\n");
        AccessRequest r = request("{\"requester\":\"u\",\"profile\":\"x\",\"duration\":\"1h\",\"at\":\"2026-03-02T10:00:00Z\"}");
        Evaluation e = Authorizer.of(PolicySet.of(List.of(b, a))).decide(r);
        assertEquals(List.of("pa/r", "pb/r"), e.rules());
        assertEquals(List.of("group:ga"), e.stages().get(0).from());
        assertEquals(PolicySet.of(List.of(a, b)).digest(), PolicySet.of(List.of(b, a)).digest());
    }
}
