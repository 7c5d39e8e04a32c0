/** {@code countersign serve}: the server, configured by flags, the environment and {@code server.yaml}. */
package io.countersign.cli.serve;
