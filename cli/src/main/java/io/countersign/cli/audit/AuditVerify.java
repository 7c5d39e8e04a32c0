package io.countersign.cli.audit;

import io.countersign.lang.text.Escape;
import io.countersign.cli.request.PolicyOptions;
import io.countersign.cli.request.Session;
import io.countersign.engine.signing.PublicKeys;
import java.io.IOException;
import picocli.CommandLine;
import io.countersign.engine.audit.AuditTrail;
import io.countersign.engine.workflow.UnknownRequestException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code countersign audit verify [ID]}. */
@Command(name = "verify",
        header = "Check every request's hash chain and every signature.",
        mixinStandardHelpOptions = true,
        description = {
            "Check that the stored record of every request (or of one) is intact: its events chain (sequence 1, 2,",
            "3..., each prevHash the previous event's hash, each hash recomputed over the event), the newest event is",
            "the one the request names, every stored decision is the one an event announced, and every person's",
            "decision carries a signature that verifies with their key in the policy repository's keys/ (in use or",
            "retired) over what the decision says — or is unsigned where the request's policy allowed that. For each",
            "broken request, prints the first broken link: the request, the event's sequence and id, what is wrong.",
            "Changed, removed or reordered events, edited decisions and forged or stripped signatures all show, even",
            "when a forger recomputed the whole chain; run it from a schedule and alert on exit 1."},
        footer = {"",
            "Examples:",
            "  $ countersign audit verify",
            "  412 requests checked: all chains and signatures intact",
            "  $ countersign audit verify",
            "  broken: 1f0c9e4a-5d2b-4c61-9a43-0e8f6b7d2c11 at event 2 (c3d1e0f2-8a4b-4c7e-9d21-5b6a7f8e9d10): hash does"
                + " not match the event's content",
            "  412 requests checked: 1 broken",
            "  $ countersign audit verify 1f0c9e4a-5d2b-4c61-9a43-0e8f6b7d2c11 --output json",
            "  {\"checked\":1,\"intact\":false,\"broken\":[{\"requestId\":\"1f0c9e4a-...\",\"sequence\":2,\"eventId\":"
                + "\"c3d1e0f2-...\",\"problem\":\"hash does not match the event's content\"}]}",
            "",
            "Exit codes: 0 every chain intact, 1 a broken one, 2 bad input (no request has the id, a store that cannot",
            "be used, an unreadable key in keys/)."})
public final class AuditVerify extends TrailCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "One request's id (default: every request).")
    String id;

    @CommandLine.Mixin
    PolicyOptions policies;

    private int checked;
    private final List<AuditTrail.Finding> broken = new ArrayList<>();

    @Override
    protected int execute() throws Exception {
        PublicKeys keys;
        try {
            keys = PublicKeys.load(policies.require().resolve("keys"));
        } catch (IOException e) {
            err().println("countersign: " + e.getMessage());
            return BAD_INPUT;
        }
        try (Session s = Session.reading(store.location())) {
            AuditTrail trail = trail(s.store(), keys);
            if (id == null) {
                trail.verifyEach(this::checked);
            } else if (s.store().get(id).isEmpty()) {
                throw new UnknownRequestException(id);
            } else {
                checked(id, trail.verify(id));
            }
        }
        if (json()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("checked", checked);
            o.put("intact", broken.isEmpty());
            o.put("broken", broken);
            printJson(o);
        } else {
            out().println(checked + (checked == 1 ? " request" : " requests") + " checked: "
                    + (broken.isEmpty() ? "all chains and signatures intact" : broken.size() + " broken"));
        }
        return broken.isEmpty() ? 0 : REFUSED;
    }

    /** One request checked: a broken one is said at once, so a long check shows what it found as it goes. */
    private void checked(String requestId, List<AuditTrail.Finding> findings) {
        checked++;
        if (findings.isEmpty()) {
            return;
        }
        // The first broken link: what follows it in the chain cannot be trusted to mean anything.
        AuditTrail.Finding f = findings.get(0);
        broken.add(f);
        if (!json()) {
            StringBuilder line = new StringBuilder("broken: ").append(Escape.text(f.requestId()));
            if (f.sequence() != null) {
                line.append(" at event ").append(f.sequence());
            }
            if (f.eventId() != null) {
                line.append(" (").append(Escape.text(f.eventId())).append(')');
            }
            out().println(line.append(": ").append(Escape.text(f.problem())));
        }
    }
}
