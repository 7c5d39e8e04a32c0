package io.countersign.cli.audit;

import io.countersign.lang.text.Escape;
import io.countersign.cli.request.PolicyOptions;
import io.countersign.cli.request.Session;
import io.countersign.cli.policy.LoadedPolicies;
import io.countersign.engine.verify.PolicyHistory;
import io.countersign.engine.verify.PolicyJudge;
import java.io.IOException;
import java.nio.file.Path;
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
            "Check that the stored record of every request (or of one) is evidence: every item carries the service's",
            "seal; its events chain (sequence 1, 2, 3..., each prevHash the previous event's hash, each hash",
            "recomputed over the event), the newest event is the one the request names and records the request as",
            "stored; every stored decision is the one an event announced; every person's action (request, decision,",
            "cancellation) carries a signature that verifies with their key in the policy repository's keys/ (in use",
            "or retired) over what the record says, or is unsigned where the policy allows that; the grant in force",
            "is no wider than policy's and than what every approver signed; and policy's decision is the one the",
            "policy set with the recorded digest gives, for the requester's groups in the directory with the recorded",
            "digest — from --policies DIR as it is, or with --history from any revision in DIR's git history. For each",
            "broken request, prints the first finding: the request, the event's sequence and id, what is wrong. Run",
            "it from a schedule and alert on exit 1."},
        footer = {"",
            "Examples:",
            "  $ countersign audit verify --history",
            "  1 request checked: all chains and signatures intact",
            "  $ countersign audit verify                  # exit 1: a chain was edited",
            "  broken: 1f0c9e4a-5d2b-4c61-9a43-0e8f6b7d2c11 at event 2 (c3d1e0f2-8a4b-4c7e-9d21-5b6a7f8e9d10): hash does"
                + " not match the event's content",
            "  1 request checked: 1 broken",
            "  $ countersign audit verify 1f0c9e4a-5d2b-4c61-9a43-0e8f6b7d2c11 --output json     # exit 1",
            "  {\"broken\":[{\"requestId\":\"1f0c9e4a-5d2b-4c61-9a43-0e8f6b7d2c11\",\"sequence\":2,\"eventId\":\"c3d1e0f2-8a4b-4c7e-9d21-5b6a7f8e9d10\","
                + "\"problem\":\"hash does not match the event's content\"}],\"checked\":1,\"intact\":false}",
            "",
            "Exit codes: 0 every chain intact, 1 a broken one, 2 bad input (no request has the id, a store that cannot",
            "be used, an unreadable key in keys/)."})
public final class AuditVerify extends TrailCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "One request's id (default: every request).")
    String id;

    @CommandLine.Mixin
    PolicyOptions policies;

    @CommandLine.Option(names = "--history",
            description = "Also find the policy sets and directories decisions name in the git history of the policy"
                    + " directory (read with git): decisions made before the latest policy change verify too.")
    boolean history;

    private int checked;
    private final List<AuditTrail.Finding> broken = new ArrayList<>();

    @Override
    protected int execute() throws Exception {
        Path dir = policies.require();
        LoadedPolicies loaded = LoadedPolicies.of(dir, err());
        if (loaded == null) {
            return BAD_INPUT;
        }
        PolicyHistory archive;
        try {
            archive = PolicyHistory.of(loaded.set(), loaded.directory(), dir, history);
        } catch (IOException e) {
            err().println("countersign: " + e.getMessage());
            return BAD_INPUT;
        }
        try (archive; Session s = Session.reading(store.location())) {
            AuditTrail trail = new AuditTrail(s.store(), loaded.keys(), PolicyJudge.archive(archive));
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
