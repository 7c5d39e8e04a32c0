/**
 * {@code countersign policy test}: dry-run cases in {@code *.test.yaml} files beside the policies,
 * each a request and what the policy set should decide (LANGUAGE.md "Tests", "Test runner").
 */
package io.countersign.engine.policytest;
