/** Small helpers over the Z3 Java API: three-valued terms and n-ary connectives over lists. */
package io.countersign.analysis.smt;
