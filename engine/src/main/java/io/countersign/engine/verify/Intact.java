package io.countersign.engine.verify;

import com.fasterxml.jackson.databind.JsonNode;
import io.countersign.engine.event.Event;
import io.countersign.engine.model.StoredRequest;
import java.util.Map;

/**
 * What a record found intact needs to be judged again; {@code policyHolds}: policy's decision was
 * found to be the one the policy set gives.
 */
record Intact(StoredRequest item, String seal, String head, long sequence, StoredRequest state,
        StoredRequest created, JsonNode createdTree, JsonNode policyDecision, Event first,
        Map<String, JsonNode> announced, Map<String, Event> announcedBy, boolean policyHolds) {
}
