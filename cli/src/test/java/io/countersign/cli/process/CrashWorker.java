package io.countersign.cli.process;

import io.countersign.cli.request.Session;
import io.countersign.cli.store.Location;
import io.countersign.engine.Countersign;
import io.countersign.engine.request.AccessRequest;
import io.countersign.engine.store.Listing;
import io.countersign.engine.workflow.RefusedException;
import io.countersign.engine.model.RequestStatus;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.workflow.Terms;
import io.countersign.engine.workflow.Actor;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;

/**
 * A process that writes to a home as fast as it can until it is killed: it submits a request, then
 * approves, denies or cancels one of the pending ones, over and over, through the command's own session
 * (the store and workflow every lifecycle command opens). After each write returns it prints what was
 * committed — {@code created ID}, {@code approved ID alice} — so the test knows what must survive.
 *
 * <pre>java -cp ... CrashWorker HOME POLICIES SEED</pre>
 */
public final class CrashWorker {

    private static final List<String> LEADS = List.of("alice", "bob", "erin");

    private CrashWorker() {
    }

    public static void main(String[] args) {
        Path home = Path.of(args[0]);
        Path policies = Path.of(args[1]);
        Random random = new Random(Long.parseLong(args[2]));
        PrintWriter err = new PrintWriter(System.err, true);
        try (Session s = Session.deciding(new Location.Embedded(home), policies, err)) {
            Countersign wf = s.countersign();
            while (true) {
                StoredRequest r = wf.submit(AccessRequest.builder().requester("frank").profile("prod-admin")
                        .duration(Duration.ofHours(1)).justification("Rotate the database credentials").ticket("CHG-7")
                        .build());
                System.out.println("created " + r.id());
                List<StoredRequest> pending = wf.list(new Listing.ByStatus(RequestStatus.PENDING), 20).items();
                if (pending.isEmpty()) {
                    continue;
                }
                String id = pending.get(random.nextInt(pending.size())).id();
                String lead = LEADS.get(random.nextInt(LEADS.size()));
                int dice = random.nextInt(10);
                try {
                    if (dice < 7) {
                        wf.approve(id, Actor.of(lead), Terms.because("crash test"));
                        System.out.println("approved " + id + " " + lead);
                    } else if (dice < 9) {
                        wf.deny(id, Actor.of(lead), "crash test");
                        System.out.println("denied " + id + " " + lead);
                    } else {
                        wf.cancel(id, Actor.of("frank"));
                        System.out.println("cancelled " + id + " frank");
                    }
                } catch (RefusedException e) {
                    // another worker decided it first, or this lead approved already
                }
            }
        }
    }
}
