package io.countersign.lsp.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import io.countersign.engine.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What a set's {@code directory.yaml} says, as completion and hover need it: users, their groups,
 * and the names of their attributes. A file that cannot be read says nothing.
 */
public record DirectoryInfo(Map<String, List<String>> groupsOfUser, SortedSet<String> groups,
        SortedSet<String> attributeNames) {

    public static final DirectoryInfo EMPTY = new DirectoryInfo(Map.of(), new TreeSet<>(), new TreeSet<>());

    public DirectoryInfo {
        groupsOfUser = Map.copyOf(groupsOfUser);
        groups = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(groups));
        attributeNames = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(attributeNames));
    }

    public SortedSet<String> users() {
        return new TreeSet<>(groupsOfUser.keySet());
    }

    /** The users in {@code group}, in name order. */
    public List<String> members(String group) {
        return groupsOfUser.entrySet().stream().filter(e -> e.getValue().contains(group)).map(Map.Entry::getKey)
                .sorted().toList();
    }

    public static DirectoryInfo parse(String yaml) {
        try {
            JsonNode users = Json.yaml().readTree(yaml).path("users");
            Map<String, List<String>> groupsOfUser = new LinkedHashMap<>();
            SortedSet<String> groups = new TreeSet<>();
            SortedSet<String> attributes = new TreeSet<>();
            for (Map.Entry<String, JsonNode> user : users.properties()) {
                List<String> own = new ArrayList<>();
                for (JsonNode g : user.getValue().path("groups")) {
                    if (g.isTextual()) {
                        own.add(g.asText());
                    }
                }
                groups.addAll(own);
                user.getValue().path("attributes").properties().forEach(a -> attributes.add(a.getKey()));
                groupsOfUser.put(user.getKey(), own);
            }
            return new DirectoryInfo(groupsOfUser, groups, attributes);
        } catch (java.io.IOException | RuntimeException e) {
            return EMPTY;
        }
    }
}
