//! Replacing a filter that is already on the device.
//!
//! Neither generation has a "replace filter" RPC, and deleting and adding the
//! filter again would leave traffic unfiltered in between (and needs the
//! filter unbound first). So libjet replaces a filter with **one modify
//! request** — `FilterModify` on jnx, `AccessListChange` on legacy — whose
//! term changes turn the old filter into the new one, computed by
//! [`replace_plan`] from the old and the new filter:
//!
//! 1. **DELETE** every term only in the old filter, and every term that
//!    both have but that the new filter moves (see 3), in the old order.
//! 2. Then, walking the new filter in order:
//!    - a term both have and that stays in place is **REPLACEd** where it
//!      is, with its adjacency given: after its predecessor in the new
//!      filter, or, for the first term, before the next term that stays;
//!    - a term only in the new filter, or a moved term, is **ADDed** after
//!      its predecessor in the new filter; when it is the first term, it
//!      goes before the first term that stays (and with no adjacency when
//!      no term stays).
//! 3. Terms that both filters have "stay" when they keep their relative
//!    order: libjet keeps the longest run of common terms whose old order
//!    matches the new order (a longest increasing subsequence), so a
//!    reordering moves as few terms as possible. Moved terms are deleted in
//!    step 1 and added again in step 2.
//!
//! Every term both filters have is replaced even when it did not change, so
//! the filter on the device ends up exactly as the new one. Each adjacency
//! names a term that is on the device when the device gets to that change,
//! provided it applies the changes of the request in order. The plan is the
//! same for both generations; the converters give the adjacencies their
//! generation's values.

use super::types::{Adjacency, Filter, Path, TermChange};
use crate::error::Result;
use std::collections::{HashMap, HashSet};

/// The term changes of one modify request that turn `old` into `new` (the
/// same filter: same name and family), as described in the [module
/// documentation](self). Both filters are validated first.
pub fn replace_plan(old: &Filter, new: &Filter) -> Result<Vec<TermChange>> {
    let root = Path::root("replace");
    old.validate_at(&root.key("old"))?;
    new.validate_at(&root.key("new"))?;
    if old.name != new.name {
        return Err(root.error(format!(
            "the new filter is named {:?} and the old one {:?}; a replace keeps the name",
            new.name, old.name
        )));
    }
    if old.family != new.family {
        return Err(root.error(format!(
            "the new filter is {} and the old one {}; a replace keeps the family",
            new.family, old.family
        )));
    }

    let old_index: HashMap<&str, usize> = old
        .terms
        .iter()
        .enumerate()
        .map(|(i, term)| (term.name.as_str(), i))
        .collect();
    // The terms both have, in the new order, with their old positions.
    let common: Vec<(&str, usize)> = new
        .terms
        .iter()
        .filter_map(|term| {
            old_index
                .get(term.name.as_str())
                .map(|&i| (term.name.as_str(), i))
        })
        .collect();
    let positions: Vec<usize> = common.iter().map(|&(_, i)| i).collect();
    let stays: HashSet<&str> = longest_increasing(&positions)
        .into_iter()
        .map(|k| common[k].0)
        .collect();

    let mut changes = Vec::new();
    for term in &old.terms {
        if !stays.contains(term.name.as_str()) {
            changes.push(TermChange::delete(term.name.clone()));
        }
    }
    for (i, term) in new.terms.iter().enumerate() {
        let adjacency = match i.checked_sub(1) {
            Some(previous) => Some(Adjacency::After(new.terms[previous].name.clone())),
            None => new
                .terms
                .iter()
                .skip(1)
                .find(|other| stays.contains(other.name.as_str()))
                .map(|other| Adjacency::Before(other.name.clone())),
        };
        let change = if stays.contains(term.name.as_str()) {
            TermChange::replace(term.clone())
        } else {
            TermChange::add(term.clone())
        };
        changes.push(TermChange {
            adjacency,
            ..change
        });
    }
    Ok(changes)
}

/// The indices into `sequence` (distinct values) of one of its longest
/// increasing subsequences, in order (patience sorting, O(n log n)).
fn longest_increasing(sequence: &[usize]) -> Vec<usize> {
    // tails[k]: the index of the smallest last value of an increasing
    // subsequence of length k + 1 found so far.
    let mut tails: Vec<usize> = Vec::new();
    let mut previous: Vec<Option<usize>> = vec![None; sequence.len()];
    for (i, &value) in sequence.iter().enumerate() {
        let k = tails.partition_point(|&t| sequence[t] < value);
        if k > 0 {
            previous[i] = Some(tails[k - 1]);
        }
        if k == tails.len() {
            tails.push(i);
        } else {
            tails[k] = i;
        }
    }
    let mut result = Vec::with_capacity(tails.len());
    let mut next = tails.last().copied();
    while let Some(i) = next {
        result.push(i);
        next = previous[i];
    }
    result.reverse();
    result
}

#[cfg(test)]
mod tests {
    use super::super::types::{Family, RangeMatch, Term, TermOp, Terminating};
    use super::*;
    use crate::error::ErrorKind;

    fn term(name: &str, port: u16) -> Term {
        let mut term = Term::new(name);
        term.matches.destination_ports = vec![RangeMatch::value(port)];
        term.actions.terminating = Some(Terminating::Accept);
        term
    }

    fn filter(terms: &[Term]) -> Filter {
        Filter {
            name: "f".into(),
            family: Family::Inet,
            terms: terms.to_vec(),
        }
    }

    /// A change written as (op, term, adjacency) for short assertions.
    fn summary(changes: &[TermChange]) -> Vec<(TermOp, String, Option<Adjacency>)> {
        changes
            .iter()
            .map(|c| (c.op, c.term.name.clone(), c.adjacency.clone()))
            .collect()
    }

    fn after(name: &str) -> Option<Adjacency> {
        Some(Adjacency::After(name.into()))
    }

    fn before(name: &str) -> Option<Adjacency> {
        Some(Adjacency::Before(name.into()))
    }

    use TermOp::{Add, Delete, Replace};

    #[test]
    fn the_same_filter_is_replaced_term_by_term() {
        let (a, b, c) = (term("a", 1), term("b", 2), term("c", 3));
        let old = filter(&[a.clone(), b.clone(), c.clone()]);
        let plan = replace_plan(&old, &old).unwrap();
        assert_eq!(
            plan,
            vec![
                TermChange::replace(a).before("b"),
                TermChange::replace(b).after("a"),
                TermChange::replace(c).after("b"),
            ]
        );
    }

    #[test]
    fn a_single_term_is_replaced_without_adjacency() {
        let old = filter(&[term("only", 1)]);
        let new = filter(&[term("only", 2)]);
        assert_eq!(
            replace_plan(&old, &new).unwrap(),
            vec![TermChange::replace(term("only", 2))]
        );
    }

    #[test]
    fn a_term_added_at_the_end() {
        let old = filter(&[term("a", 1), term("b", 2)]);
        let new = filter(&[term("a", 1), term("b", 20), term("c", 3)]);
        let plan = replace_plan(&old, &new).unwrap();
        assert_eq!(
            summary(&plan),
            vec![
                (Replace, "a".into(), before("b")),
                (Replace, "b".into(), after("a")),
                (Add, "c".into(), after("b")),
            ]
        );
        // The new contents travel with the changes.
        assert_eq!(plan[1].term, term("b", 20));
        assert_eq!(plan[2].term, term("c", 3));
    }

    #[test]
    fn a_term_added_first_goes_before_the_first_that_stays() {
        let old = filter(&[term("a", 1), term("b", 2)]);
        let new = filter(&[term("z", 0), term("a", 1), term("b", 2)]);
        assert_eq!(
            summary(&replace_plan(&old, &new).unwrap()),
            vec![
                (Add, "z".into(), before("a")),
                (Replace, "a".into(), after("z")),
                (Replace, "b".into(), after("a")),
            ]
        );
    }

    #[test]
    fn a_term_removed() {
        let old = filter(&[term("a", 1), term("b", 2), term("c", 3)]);
        let new = filter(&[term("a", 1), term("c", 3)]);
        assert_eq!(
            summary(&replace_plan(&old, &new).unwrap()),
            vec![
                (Delete, "b".into(), None),
                (Replace, "a".into(), before("c")),
                (Replace, "c".into(), after("a")),
            ]
        );
    }

    #[test]
    fn reordered_terms_are_deleted_and_added_again() {
        let old = filter(&[term("a", 1), term("b", 2), term("c", 3)]);
        // c moves to the front; a and b keep their order.
        let new = filter(&[term("c", 3), term("a", 1), term("b", 2)]);
        assert_eq!(
            summary(&replace_plan(&old, &new).unwrap()),
            vec![
                (Delete, "c".into(), None),
                (Add, "c".into(), before("a")),
                (Replace, "a".into(), after("c")),
                (Replace, "b".into(), after("a")),
            ]
        );

        // A swap of two: one of them moves.
        let old = filter(&[term("a", 1), term("b", 2)]);
        let new = filter(&[term("b", 2), term("a", 1)]);
        assert_eq!(
            summary(&replace_plan(&old, &new).unwrap()),
            vec![
                (Delete, "b".into(), None),
                (Add, "b".into(), before("a")),
                (Replace, "a".into(), after("b")),
            ]
        );

        // A reversal keeps one term and moves the others.
        let old = filter(&[term("a", 1), term("b", 2), term("c", 3), term("d", 4)]);
        let new = filter(&[term("d", 4), term("c", 3), term("b", 2), term("a", 1)]);
        let plan = replace_plan(&old, &new).unwrap();
        let replaced: Vec<_> = plan.iter().filter(|c| c.op == Replace).collect();
        assert_eq!(replaced.len(), 1);
        assert_eq!(plan.iter().filter(|c| c.op == Delete).count(), 3);
        assert_eq!(plan.iter().filter(|c| c.op == Add).count(), 3);
    }

    #[test]
    fn a_new_filter_with_no_common_term() {
        let old = filter(&[term("a", 1)]);
        let new = filter(&[term("x", 1), term("y", 2)]);
        assert_eq!(
            summary(&replace_plan(&old, &new).unwrap()),
            vec![
                (Delete, "a".into(), None),
                (Add, "x".into(), None),
                (Add, "y".into(), after("x")),
            ]
        );
    }

    #[test]
    fn mixed_changes() {
        let old = filter(&[term("a", 1), term("b", 2), term("c", 3), term("d", 4)]);
        let new = filter(&[term("b", 2), term("n", 9), term("d", 4), term("a", 1)]);
        assert_eq!(
            summary(&replace_plan(&old, &new).unwrap()),
            vec![
                (Delete, "a".into(), None),
                (Delete, "c".into(), None),
                (Replace, "b".into(), before("d")),
                (Add, "n".into(), after("b")),
                (Replace, "d".into(), after("n")),
                (Add, "a".into(), after("d")),
            ]
        );
    }

    #[test]
    fn replace_plans_go_on_both_wires() {
        let old = filter(&[term("a", 1), term("b", 2)]);
        let new = filter(&[term("b", 2), term("c", 3)]);
        let plan = replace_plan(&old, &new).unwrap();
        assert_eq!(
            super::super::jnx::filter_modify("f", Family::Inet, &plan)
                .unwrap()
                .terms_list
                .len(),
            3
        );
        assert_eq!(
            super::super::legacy::filter_modify("f", Family::Inet, &plan)
                .unwrap()
                .ace_list
                .len(),
            3
        );
    }

    #[test]
    fn a_replace_keeps_name_and_family() {
        let old = filter(&[term("a", 1)]);
        let mut renamed = old.clone();
        renamed.name = "g".into();
        let error = replace_plan(&old, &renamed).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InvalidArgument);
        assert_eq!(
            error.message(),
            "replace: the new filter is named \"g\" and the old one \"f\"; a replace keeps the name"
        );
        let mut six = old.clone();
        six.family = Family::Inet6;
        assert_eq!(
            replace_plan(&old, &six).unwrap_err().message(),
            "replace: the new filter is inet6 and the old one inet; a replace keeps the family"
        );
        let empty = filter(&[]);
        assert_eq!(
            replace_plan(&old, &empty).unwrap_err().message(),
            "replace.new.terms: a filter needs at least one term"
        );
    }

    #[test]
    fn longest_increasing_subsequences() {
        assert_eq!(longest_increasing(&[]), Vec::<usize>::new());
        assert_eq!(longest_increasing(&[0, 1, 2]), vec![0, 1, 2]);
        assert_eq!(longest_increasing(&[2, 0, 1]), vec![1, 2]);
        assert_eq!(longest_increasing(&[3, 2, 1, 0]).len(), 1);
        assert_eq!(longest_increasing(&[1, 5, 2, 3, 0, 4]), vec![0, 2, 3, 5]);
    }
}
