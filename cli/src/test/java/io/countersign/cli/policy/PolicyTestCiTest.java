package io.countersign.cli.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.cli.Run;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class PolicyTestCiTest {

    @TempDir
    Path dir;

    void write() throws Exception {
        Files.writeString(dir.resolve("p.policy"), """
                policy p {
                  risk long +10 when duration > 8h

                  rule readers {
                    when profile == "db"
                    then approve
                  }

                  rule admins {
                    when profile == "admin"
                    then require approval
                      from 1 of group "leads"
                      then from 1 of group "cto" when risk >= 10
                  }
                }
                """);
        Files.writeString(dir.resolve("p.test.yaml"), """
                cases:
                  - name: readers get in
                    request: {requester: a, profile: db, duration: 1h, at: 2026-03-02T10:00:00Z}
                    expect: {decision: approved}
                  - name: "admins <wait> & see"
                    request: {requester: a, profile: admin, duration: 1h, at: 2026-03-02T10:00:00Z}
                    expect: {decision: approved}
                """);
    }

    @Test
    void junitXmlParsesAndNamesTheFailingCase() throws Exception {
        write();
        Run run = Run.of("policy", "test", "--format", "junit", dir.toString());
        assertEquals(1, run.exit());
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(run.out().getBytes(StandardCharsets.UTF_8)));
        Element suites = doc.getDocumentElement();
        assertEquals("2", suites.getAttribute("tests"));
        assertEquals("1", suites.getAttribute("failures"));
        Element failing = (Element) doc.getElementsByTagName("failure").item(0).getParentNode();
        assertEquals("admins <wait> & see", failing.getAttribute("name"));
        assertEquals("5", failing.getAttribute("line"));
    }

    @Test
    void tapAndGithubAnnotationsPointAtTheCase() throws Exception {
        write();
        Run tap = Run.of("policy", "test", "--format", "tap", dir.toString());
        assertTrue(tap.out().startsWith("TAP version 13\n1..2\nok 1 - "), tap.out());
        assertTrue(tap.out().contains("not ok 2 - "), tap.out());
        Run gh = Run.of("policy", "test", "--format", "github", dir.toString());
        assertTrue(gh.out().startsWith("::error file=" + dir.resolve("p.test.yaml") + ",line=5,title=policy test::case"
                + " 'admins <wait> & see' failed%0Adecision: expected approved, got pending"), gh.out());
        assertTrue(gh.out().endsWith("1 passed, 1 failed\n"), gh.out());
    }

    @Test
    void coveragePerFileWithThreshold() throws Exception {
        write();
        Run run = Run.of("policy", "test", "--coverage", "--run", "readers", dir.toString());
        assertEquals(0, run.exit(), run.err());
        // readers decided; admins, its two stages and the risk factor not reached
        assertTrue(run.out().contains(" 20.0%  1/5  " + dir.resolve("p.policy")), run.out());
        assertTrue(run.out().contains("not reached: rule p/admins"), run.out());
        assertTrue(run.out().contains("not reached: stage p/admins stage 2"), run.out());
        Run below = Run.of("policy", "test", "--threshold", "50", "--run", "readers", dir.toString());
        assertEquals(1, below.exit());
        assertTrue(below.err().contains("coverage 20.0% is below the threshold of 50%"), below.err());
    }

    @Test
    void theExamplePoliciesAreCoveredAndARunThatSelectsNothingFails() throws Exception {
        Run run = Run.of("policy", "test", "--coverage", "--threshold", "80", Path.of("../policies").toString());
        assertEquals(0, run.exit(), run.out() + run.err());
        Run empty = Run.of("policy", "test", "--fail-on-empty", "--run", "no such case", Path.of("../policies").toString());
        assertEquals(1, empty.exit());
        assertTrue(empty.err().contains("no case matches --run no such case"), empty.err());
    }
}
