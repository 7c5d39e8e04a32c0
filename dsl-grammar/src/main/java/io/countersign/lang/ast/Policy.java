package io.countersign.lang.ast;

import java.util.List;

/** {@code policy NAME { item* }}. */
public record Policy(Name name, List<Item> items, Loc loc) {
    public Policy {
        items = List.copyOf(items);
    }

    /** The policy's rules, in file order. */
    public List<Item.Rule> rules() {
        return items.stream().filter(Item.Rule.class::isInstance).map(Item.Rule.class::cast).toList();
    }
}
