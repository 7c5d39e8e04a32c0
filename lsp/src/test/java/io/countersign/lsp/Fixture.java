package io.countersign.lsp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.lsp4j.Position;

/** A small policy repository in a temporary folder: a policy set with its directory and test cases. */
final class Fixture {

    static final String PRODUCTION = """
            policy production {
              description "Who may reach production, and who decides"
              scope profile matches "prod-*"
              default require approval from 1 of group "sre-leads"

              window business-hours = mon-fri 08:00-19:00 in "Europe/Berlin"

              risk contractor    +40 when requester.employment == "contractor"
              risk out-of-hours  +20 when not now during business-hours

              rule oncall-readonly {
                description "On-call engineers read production without waiting"
                when profile == "prod-readonly"
                 and requester in group "oncall"
                 and duration <= 4h
                then approve
                  stipulate "Session is recorded"
              }

              rule admin {
                complies "SOX-404" "ISO27001-A.9.2"
                when profile == "prod-admin" and now during business-hours
                then require approval
                  from 2 of group "sre-leads"
                  expire after 24h
              }

              rule contractors-not-admin {
                complies "SOX-SOD-1"
                when requester.employment == "contractor" and profile == "prod-admin"
                then deny "Contractors may not hold production admin"
              }
            }
            """;

    static final String TEAM = """
            policy team {
              scope profile == "team-db"

              rule oncall {
                when requester in group "oncall"
                then approve
              }
            }
            """;

    static final String CASES = """
            cases:
              - name: on-call engineer reads production at once
                request:
                  requester: alice
                  profile: prod-readonly
                  permissions: [read]
                  duration: 1h
                  at: 2026-03-02T10:00:00+01:00
                expect:
                  decision: conditional
                  rules: [production/oncall-readonly]

              - name: a contractor is denied production admin
                request: {requester: carol, profile: prod-admin, duration: 2h, at: 2026-03-02T10:00:00+01:00}
                expect:
                  decision: approved
                  rules: [production/contractors-not-admin]
            """;

    static final String DIRECTORY = """
            users:
              alice: {groups: [sre-leads, oncall], attributes: {employment: employee, manager: bob}}
              bob: {groups: [sre-leads], attributes: {employment: employee, office: berlin}}
              carol: {groups: [contractors], attributes: {employment: contractor}}
            """;

    final Path root;
    final Path policies;
    final Path production;
    final Path team;
    final Path cases;

    Fixture(Path root) throws IOException {
        this.root = root;
        this.policies = Files.createDirectories(root.resolve("policies"));
        this.production = Files.writeString(policies.resolve("production.policy"), PRODUCTION);
        this.team = Files.writeString(policies.resolve("team.policy"), TEAM);
        this.cases = Files.writeString(policies.resolve("production.test.yaml"), CASES);
        Files.writeString(policies.resolve("directory.yaml"), DIRECTORY);
    }

    /** The position of the {@code nth} (0-based) occurrence of {@code needle} in {@code text}, plus {@code shift}. */
    static Position at(String text, String needle, int nth, int shift) {
        int i = -1;
        for (int n = 0; n <= nth; n++) {
            i = text.indexOf(needle, i + 1);
            if (i < 0) {
                throw new IllegalArgumentException("no " + needle + " #" + nth);
            }
        }
        i += shift;
        int line = 0;
        int lineStart = 0;
        for (int k = 0; k < i; k++) {
            if (text.charAt(k) == '\n') {
                line++;
                lineStart = k + 1;
            }
        }
        return new Position(line, i - lineStart);
    }

    static Position at(String text, String needle) {
        return at(text, needle, 0, 0);
    }
}
