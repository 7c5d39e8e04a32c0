/** Text output the commands share: unified diffs. */
package io.countersign.cli.text;
