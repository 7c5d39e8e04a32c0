/** The one JSON and YAML configuration every model type is read and written with. */
package io.countersign.engine.json;
