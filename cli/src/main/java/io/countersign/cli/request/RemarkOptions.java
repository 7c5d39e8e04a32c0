package io.countersign.cli.request;

import io.countersign.engine.workflow.Terms;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * What a decider adds for the record with an approval or a denial — comments, confidence, who they
 * consulted, the evidence — kept in the decision and covered by their signature.
 */
public final class RemarkOptions {

    @Option(names = "--comment", paramLabel = "TEXT", description = "Additional comments for the record.")
    String comments;

    private BigDecimal confidence;

    @Option(names = "--consulted", paramLabel = "NAME",
            description = "A person or team consulted; repeat for more.")
    List<String> consulted = new ArrayList<>();

    @Option(names = "--evidence", paramLabel = "URL|TICKET",
            description = "A link or ticket reference the decision rests on; repeat for more.")
    List<String> evidence = new ArrayList<>();

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec command;

    @Option(names = "--confidence", paramLabel = "0..1", description = "How confident you are, from 0 to 1: 0.8.")
    void confidence(BigDecimal level) {
        if (level.signum() < 0 || level.compareTo(BigDecimal.ONE) > 0) {
            throw new CommandLine.ParameterException(command.commandLine(), "Invalid value for option '--confidence': "
                    + level + " is not between 0 and 1"); // as given: 1e999999999 in plain digits is a billion of them
        }
        confidence = level;
    }

    /** {@code terms} with these remarks. */
    Terms apply(Terms terms) {
        Terms t = terms.withComments(comments).withConsultedParties(consulted).withEvidenceProvided(evidence);
        return confidence == null ? t : t.withConfidenceLevel(confidence);
    }
}
