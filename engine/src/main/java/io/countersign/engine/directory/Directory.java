package io.countersign.engine.directory;

import io.countersign.engine.request.AccessRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A source of users' groups and attributes. */
public interface Directory {

    /** A user as the directory knows them. */
    record User(String id, List<String> groups, Map<String, Object> attributes) {
        public User {
            groups = List.copyOf(groups);
            attributes = Map.copyOf(attributes);
        }
    }

    Optional<User> user(String id);

    /**
     * A digest of everything this directory says ({@code sha256:HEX}), recorded with each request and
     * decision so an audit can find the revision a decision relied on; null when the directory cannot
     * name one (an identity provider that changes by the minute, a directory that knows nobody).
     */
    default String digest() {
        return null;
    }

    /** The request with the requester's groups and attributes from the directory where it carries none. */
    default AccessRequest complete(AccessRequest r) {
        if (r.requester() == null) {
            return r;
        }
        return user(r.requester()).map(u -> r.withIdentity(u.groups(), u.attributes())).orElse(r);
    }

    /** A directory that knows nobody. */
    Directory EMPTY = id -> Optional.empty();
}
