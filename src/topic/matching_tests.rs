//! The matcher against the rules of MQTT 3.1.1 §4.7 written the plain way
//! (split both at `/`, compare level by level), for every valid filter and
//! topic name of up to five characters over `a`, `b`, `/`, `+`, `#` and `$`.

use super::{filter_problem, is_topic_name, matches, matches_checked, Matcher};

/// MQTT 3.1.1 §4.7, level by level.
fn by_levels(filter: &str, topic: &str) -> bool {
    if topic.starts_with('$') && filter.starts_with(['+', '#']) {
        return false;
    }
    let topic: Vec<&str> = topic.split('/').collect();
    let mut levels = 0;
    for (i, wanted) in filter.split('/').enumerate() {
        if wanted == "#" {
            return true;
        }
        match topic.get(i) {
            Some(level) if wanted == "+" || wanted == *level => levels += 1,
            _ => return false,
        }
    }
    levels == topic.len()
}

/// Every text of 1 to `longest` characters over `alphabet`.
fn texts(alphabet: &[char], longest: usize) -> Vec<String> {
    let mut all = vec![String::new()];
    let mut last = vec![String::new()];
    for _ in 0..longest {
        last = last
            .iter()
            .flat_map(|t| alphabet.iter().map(move |c| format!("{t}{c}")))
            .collect();
        all.extend(last.iter().cloned());
    }
    all.retain(|t| !t.is_empty());
    all
}

#[test]
fn matching_agrees_with_the_level_by_level_rules() {
    let filters: Vec<String> = texts(&['a', 'b', '/', '+', '#', '$'], 5)
        .into_iter()
        .filter(|f| filter_problem(f).is_none())
        .collect();
    let topics: Vec<String> = texts(&['a', 'b', '/', '$'], 5)
        .into_iter()
        .filter(|t| is_topic_name(t))
        .collect();
    let mut matched = 0;
    for filter in &filters {
        let matcher = Matcher::new(filter.as_str());
        for topic in &topics {
            let expected = by_levels(filter, topic);
            assert_eq!(
                matches_checked(filter, topic),
                expected,
                "filter {filter:?}, topic {topic:?}"
            );
            assert_eq!(matches(filter, topic), expected);
            assert_eq!(matcher.matches(topic), expected, "matcher of {filter:?}");
            matched += usize::from(expected);
        }
    }
    // Both sides are non-trivial: some pairs match and most do not.
    assert!(
        filters.len() > 1_000 && topics.len() > 1_000,
        "{} {}",
        filters.len(),
        topics.len()
    );
    assert!(matched > 10_000, "{matched}");
}
