/**
 * JMH benchmarks of the engine on generated policy sets of realistic shape, and the runner that
 * measures every size side by side in one process and prints the README's table; and the compile
 * time of one rule by the size of its condition ({@link io.countersign.bench.ConditionReport}); the
 * workflow on the embedded store against bare SQL ({@link io.countersign.bench.WorkflowRatios}); and the
 * command line's start-up, {@code show} against {@code --version} ({@link io.countersign.bench.CliStartup}).
 */
package io.countersign.bench;
