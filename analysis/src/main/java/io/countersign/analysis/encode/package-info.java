/**
 * The encoding: the request space as solver variables ({@link io.countersign.analysis.encode.RequestSpace}),
 * conditions as three-valued terms ({@link io.countersign.analysis.encode.ConditionEncoder}), and a
 * policy set's decision as terms over them ({@link io.countersign.analysis.encode.SetEncoding}).
 */
package io.countersign.analysis.encode;
