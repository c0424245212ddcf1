//! Joining chains: taking one in, wiring open ends, and renaming clashing states.

use super::{Chain, NameSet, NodeState};
use crate::hash::{FastMap, FastSet};
use crate::model::{StateName, Transition};
use crate::small_list::SmallList;

/// Where a chain taken in by another starts.
#[derive(Clone, Debug)]
pub(crate) enum Entry {
    /// At the node with this index.
    Node(usize),
    /// At a jump to this state.
    Jump(StateName),
}

/// A transition of a node that is still open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Slot {
    /// The node's `Next`.
    Next(usize),
    /// The `Next` of a Choice rule.
    Rule(usize, usize),
    /// A Choice state's `Default`.
    Default(usize),
    /// The `Next` of a catcher.
    Catch(usize, usize),
}

impl Slot {
    fn offset(self, by: usize) -> Self {
        match self {
            Self::Next(node) => Self::Next(node + by),
            Self::Rule(node, rule) => Self::Rule(node + by, rule),
            Self::Default(node) => Self::Default(node + by),
            Self::Catch(node, catcher) => Self::Catch(node + by, catcher),
        }
    }

    pub(crate) fn node(self) -> usize {
        match self {
            Self::Next(node) | Self::Rule(node, _) | Self::Default(node) | Self::Catch(node, _) => {
                node
            }
        }
    }
}

impl Chain {
    /// Appends the states of `other` (renamed where they clash with this chain's names)
    /// and its open ends; returns where `other` starts (`None` for the empty chain).
    pub(crate) fn absorb(&mut self, other: Chain, handler: bool) -> Option<Entry> {
        let (entry, open) = self.take_in(other, handler);
        self.open.extend(open);
        entry
    }

    /// Appends the states of `other` (renamed where they clash with this chain's names);
    /// returns where `other` starts and its open ends, which the caller connects.
    pub(crate) fn take_in(
        &mut self,
        mut other: Chain,
        handler: bool,
    ) -> (Option<Entry>, SmallList<Slot>) {
        if other.nodes.is_empty() {
            return (other.jump.map(Entry::Jump), other.open);
        }
        self.index_names();
        let mut may_clash = false;
        if other.indexed {
            other.for_each_name(|name| may_clash |= self.names.may_contain(name.as_str()));
        } else {
            // Recorded as they are checked, so that each name is hashed once. A hit (a clash,
            // a collision, or a name repeated in `other`) takes the slow path below; the
            // hashes of names renamed there stay behind as harmless false positives.
            let names = &mut self.names;
            other.for_each_name(|name| may_clash |= !names.insert(name.as_str()));
        }
        if may_clash {
            // Rare: a name is reused (or two hashes collide). Confirm against the names.
            let mut taken = FastSet::default();
            self.for_each_name(|name| {
                taken.insert(name.as_str());
            });
            other.avoid_where(|name| taken.contains(name));
        }
        if other.indexed {
            self.names.extend(other.names);
        } else if may_clash {
            let names = &mut self.names;
            other.for_each_name(|name| {
                names.insert(name.as_str());
            });
        }
        let offset = self.nodes.len();
        self.depth = self.depth.max(other.depth);
        match other.nodes {
            // Most chains taken in are one state: pushed directly, not through an iterator.
            SmallList::One(mut node) => {
                node.handler |= handler;
                self.nodes.push(node);
            }
            nodes => self.nodes.extend(nodes.into_iter().map(|mut node| {
                node.handler |= handler;
                node
            })),
        }
        let mut open = other.open;
        for slot in &mut open {
            *slot = slot.offset(offset);
        }
        let entry = match other.jump {
            Some(name) => Entry::Jump(name),
            None => Entry::Node(offset),
        };
        (Some(entry), open)
    }

    /// Points an open transition at the start of a chain taken in.
    pub(crate) fn connect(&mut self, slot: Slot, entry: &Entry) {
        let target = match entry {
            Entry::Node(index) => self.nodes.get(*index).map(|node| node.name.clone()),
            Entry::Jump(name) => Some(name.clone()),
        };
        if let Some(target) = target {
            self.wire(slot, target);
        }
    }

    /// Points an open transition at `target`.
    pub(crate) fn wire(&mut self, slot: Slot, target: StateName) {
        let Some(node) = self.nodes.get_mut(slot.node()) else {
            return;
        };
        match (slot, &mut node.state) {
            (Slot::Next(_), state) => {
                if let Some(transition) = state.transition_mut() {
                    *transition = Transition::Next(target);
                }
            }
            (Slot::Rule(_, rule), NodeState::Choice(choice)) => {
                if let Some(rule) = choice.choices.get_mut(rule) {
                    rule.next = target;
                }
            }
            (Slot::Default(_), NodeState::Choice(choice)) => choice.default = Some(target),
            (Slot::Catch(_, catcher), state) => {
                if let Some(catcher) = state.catchers_mut().and_then(|all| all.get_mut(catcher)) {
                    catcher.next = target;
                }
            }
            _ => {}
        }
    }

    /// Renames the states of this chain whose names are in `taken` to `Name #2`, `#3`, …
    pub(crate) fn avoid(&mut self, taken: &FastSet<StateName>) {
        self.avoid_where(|name| taken.contains(name));
    }

    /// Renames the states of this chain whose names `taken` says are in use (`X` becomes
    /// `X #2`), with their internal transitions.
    pub(crate) fn avoid_where(&mut self, taken: impl Fn(&str) -> bool) {
        let mut clashing = Vec::new();
        self.for_each_name(|name| {
            if taken(name.as_str()) {
                clashing.push(name.clone());
            }
        });
        if clashing.is_empty() {
            return;
        }
        let mut own = FastSet::default();
        self.for_each_name(|name| {
            own.insert(name.clone());
        });
        let mut renames =
            FastMap::with_capacity_and_hasher(clashing.len(), crate::hash::FastHash::default());
        let mut chosen = FastSet::default();
        for name in clashing {
            let mut number = 2_usize;
            let fresh = loop {
                let candidate = numbered(name.as_str(), number);
                if !taken(candidate.as_str())
                    && !own.contains(&candidate)
                    && !chosen.contains(&candidate)
                {
                    break candidate;
                }
                number += 1;
            };
            chosen.insert(fresh.clone());
            renames.insert(name, fresh);
        }
        self.rename(&renames);
    }

    /// Applies `renames` to every state name and every transition target in the chain.
    pub(super) fn rename(&mut self, renames: &FastMap<StateName, StateName>) {
        if renames.is_empty() {
            return;
        }
        let apply = |name: &mut StateName| {
            if let Some(new) = renames.get(name) {
                *name = new.clone();
            }
        };
        if let Some(jump) = &mut self.jump {
            apply(jump);
        }
        for node in &mut self.nodes {
            apply(&mut node.name);
            node.state.for_each_target_mut(apply);
            match &mut node.state {
                NodeState::Parallel(_, branches) => {
                    for branch in branches {
                        branch.rename(renames);
                    }
                }
                NodeState::Map(_, processor) => processor.rename(renames),
                _ => {}
            }
        }
        if self.indexed {
            let mut names = NameSet::with_capacity(self.names.len());
            self.for_each_name(|name| {
                names.insert(name.as_str());
            });
            self.names = names;
        }
    }
}

/// `name #number`, with as much of `name` as keeps it within the
/// [limit](StateName::MAX_CHARS) of state names: a name of 80 characters used twice is
/// renamed, not refused.
fn numbered(name: &str, number: usize) -> StateName {
    let suffix = format!(" #{number}");
    let room = StateName::MAX_CHARS.saturating_sub(suffix.chars().count());
    let base = name
        .char_indices()
        .nth(room)
        .map_or(name, |(end, _)| &name[..end]);
    StateName::new(format!("{base}{suffix}"))
}

#[cfg(test)]
mod tests {
    use crate::builder::chain::{Chain, Node, NodeState, Slot};
    use crate::model::{StateName, Transition};

    fn pass(name: &str) -> Chain {
        Chain::single(
            Node::new(StateName::new(name), NodeState::Pass(Box::default())),
            false,
        )
    }

    fn next_of(chain: &Chain, index: usize) -> Option<String> {
        match &chain.nodes[index].state {
            NodeState::Pass(state) => state.transition.next().map(ToString::to_string),
            _ => None,
        }
    }

    #[test]
    fn next_wires_open_ends_and_keeps_the_new_ones() {
        let chain = pass("A").next(pass("B")).next(pass("C"));
        assert_eq!(chain.state_names(), ["A", "B", "C"]);
        assert_eq!(next_of(&chain, 0).as_deref(), Some("B"));
        assert_eq!(next_of(&chain, 1).as_deref(), Some("C"));
        assert_eq!(chain.open[..], [Slot::Next(2)]);
    }

    #[test]
    fn the_empty_chain_is_the_identity() {
        let chain = Chain::new().next(pass("A")).next(Chain::new());
        assert_eq!(chain.state_names(), ["A"]);
        assert_eq!(chain.open[..], [Slot::Next(0)]);
    }

    #[test]
    fn reuse_renames_the_newcomer_and_its_internal_transitions() {
        let fragment = pass("X").next(pass("Y"));
        let chain = fragment.clone().next(fragment.clone()).next(fragment);
        assert_eq!(
            chain.state_names(),
            ["X", "Y", "X #2", "Y #2", "X #3", "Y #3"]
        );
        assert_eq!(next_of(&chain, 1).as_deref(), Some("X #2"));
        assert_eq!(next_of(&chain, 2).as_deref(), Some("Y #2"));
        assert_eq!(next_of(&chain, 4).as_deref(), Some("Y #3"));
        let mut all = Vec::new();
        chain.for_each_name(|name| all.push(name.to_string()));
        assert_eq!(all.len(), 6);
    }

    #[test]
    fn renaming_keeps_long_names_within_the_limit() {
        let long = "Ł".repeat(StateName::MAX_CHARS);
        let chain = pass(&long).next(pass(&long)).next(pass(&long));
        let names = chain.state_names();
        assert_eq!(names[1], format!("{} #2", "Ł".repeat(77)));
        assert_eq!(names[2], format!("{} #3", "Ł".repeat(77)));
        let short = pass("A").next(pass("A"));
        assert_eq!(short.state_names(), ["A", "A #2"]);
    }

    #[test]
    fn renaming_skips_names_already_taken() {
        let chain = pass("A").next(pass("A #2")).next(pass("A"));
        assert_eq!(chain.state_names(), ["A", "A #2", "A #3"]);
    }

    #[test]
    fn goto_closes_the_chain_and_keeps_external_targets_on_prefix() {
        let chain = pass("A").next(Chain::goto("Elsewhere"));
        assert!(chain.open.is_empty());
        let prefixed = chain.prefixed("P ");
        assert_eq!(prefixed.state_names(), ["P A"]);
        assert_eq!(next_of(&prefixed, 0).as_deref(), Some("Elsewhere"));
        let looped = pass("Loop").next(Chain::goto("Loop")).prefixed("P ");
        assert_eq!(next_of(&looped, 0).as_deref(), Some("P Loop"));
    }

    #[test]
    fn composing_leaves_the_inputs_untouched() {
        let fragment = pass("X");
        let _ = fragment.clone().next(pass("Y"));
        assert_eq!(fragment.open[..], [Slot::Next(0)]);
        match &fragment.nodes[0].state {
            NodeState::Pass(state) => assert_eq!(state.transition, Transition::End),
            other => panic!("unexpected {other:?}"),
        }
    }
}
