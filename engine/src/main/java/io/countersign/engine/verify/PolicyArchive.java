package io.countersign.engine.verify;

import io.countersign.engine.Authorizer;
import io.countersign.engine.directory.Directory;
import java.util.Optional;

/** The policy sets and directories an audit may find a recorded digest among. */
public interface PolicyArchive {

    /** The authorizer of the policy set with this digest, when the archive holds it. */
    Optional<Authorizer> policies(String digest);

    /** The directory with this digest, when the archive holds it. */
    Optional<Directory> directory(String digest);

    /** Where the archive looked, in words, for a finding that says what it could not find. */
    String where();
}
