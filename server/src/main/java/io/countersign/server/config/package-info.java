/** The server's configuration: {@code server.yaml}, overridden by the environment, overridden by flags. */
package io.countersign.server.config;
