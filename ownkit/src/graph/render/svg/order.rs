//! Step 3 of the layout: the order of the vertices in each row, chosen for
//! few crossings.

use alloc_crate::vec;
use alloc_crate::vec::Vec;

use super::layout::{Layered, Vertex};

/// Sweeps down and up the rows at most this many times in all.
const SWEEPS: usize = 32;
/// And stops after this many sweeps in a row that found nothing better.
const IDLE_SWEEPS: usize = 6;

/// Orders every row: the walk tree's depth-first order first, then
/// barycenter sweeps, keeping the order with the fewest crossings.
///
/// Where a dummy starts beside its box in the tree's order matters more
/// than any single move can repair: an edge back up the tree runs beside
/// the tree's path on one side or the other all the way, and a node's own
/// `Weak` to its parent crosses its children's `Weak`s to itself unless
/// the two run on opposite sides. So four starts are tried (every dummy
/// on the right, every one on the left, and the back edges alternating
/// sides by depth, either way round), and the best result is kept.
pub(super) fn minimize_crossings(layered: &mut Layered) {
    let mut best: Option<(usize, Vec<Vec<usize>>)> = None;
    for start in 0..4 {
        for row in &mut layered.rows {
            row.sort_by_key(|&vertex| {
                let left = match (start, layered.even_path[vertex]) {
                    (1, _) => true,
                    (2, Some(even)) => even,
                    (3, Some(even)) => !even,
                    _ => false,
                };
                let side = match layered.vertices[vertex] {
                    Vertex::Box(_) => 1,
                    Vertex::Dummy { .. } if left => 0,
                    Vertex::Dummy { .. } => 2,
                };
                (layered.tree_order[vertex], side, vertex)
            });
        }
        let crossings = sweep(layered);
        if best.as_ref().is_none_or(|(fewest, _)| crossings < *fewest) {
            best = Some((crossings, layered.rows.clone()));
        }
        if crossings == 0 {
            break;
        }
    }
    if let Some((_, rows)) = best {
        layered.rows = rows;
    }
}

/// Improves the rows' current order by barycenter sweeps down and up,
/// each followed by transpositions, and leaves the best order found;
/// returns its crossings.
fn sweep(layered: &mut Layered) -> usize {
    let mut position = vec![0; layered.vertices.len()];
    refresh_positions(layered, &mut position);
    transpose(layered, &mut position);
    sift(layered, &mut position);
    shift_chains(layered, &mut position);
    let mut best = layered.rows.clone();
    let mut fewest = count_crossings(layered, &position);
    let mut idle = 0;
    for sweep in 0..SWEEPS {
        // Done when nothing is left to remove, or when the last sweeps
        // found nothing better.
        if fewest == 0 || idle == IDLE_SWEEPS {
            break;
        }
        let downward = sweep % 2 == 0;
        let rows = layered.rows.len();
        let order: Vec<usize> = if downward {
            (1..rows).collect()
        } else {
            (0..rows.saturating_sub(1)).rev().collect()
        };
        for row in order {
            reorder_row(layered, row, downward, &position);
            for (place, &vertex) in layered.rows[row].iter().enumerate() {
                position[vertex] = place;
            }
        }
        transpose(layered, &mut position);
        let crossings = count_crossings(layered, &position);
        if crossings < fewest {
            fewest = crossings;
            best.clone_from(&layered.rows);
            idle = 0;
        } else {
            idle += 1;
        }
    }
    layered.rows = best;
    // The finer moves, once, on the best order the sweeps found.
    refresh_positions(layered, &mut position);
    sift(layered, &mut position);
    shift_chains(layered, &mut position);
    transpose(layered, &mut position);
    // They only ever take crossings away.
    count_crossings(layered, &position)
}

/// Sorts row `row` by the mean position of each vertex's neighbours in
/// the row above (`downward`) or below; a vertex with none keeps its
/// place. Siblings then take their declaration order back among the
/// places they landed on.
fn reorder_row(layered: &mut Layered, row: usize, downward: bool, position: &[usize]) {
    let keys: Vec<(f64, usize, usize)> = layered.rows[row]
        .iter()
        .enumerate()
        .map(|(place, &vertex)| {
            let neighbours = if downward {
                &layered.up[vertex]
            } else {
                &layered.down[vertex]
            };
            let key = if neighbours.is_empty() {
                place as f64
            } else {
                let sum: usize = neighbours.iter().map(|&other| position[other]).sum();
                // Scaled to this row's places: rows differ in length.
                sum as f64 / neighbours.len() as f64
            };
            (key, place, vertex)
        })
        .collect();
    let mut sorted = keys;
    sorted.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let mut new_row: Vec<usize> = sorted.iter().map(|&(_, _, vertex)| vertex).collect();
    keep_siblings_in_order(layered, &mut new_row);
    layered.rows[row] = new_row;
}

/// Puts the children of each box back in declaration order, each group on
/// the places its members hold in `row`.
fn keep_siblings_in_order(layered: &Layered, row: &mut [usize]) {
    let mut groups: Vec<(usize, usize, usize)> = row
        .iter()
        .enumerate()
        .filter_map(|(place, &vertex)| {
            layered.sibling_of[vertex].map(|(parent, edge)| (parent, edge, place))
        })
        .collect();
    if groups.len() < 2 {
        return;
    }
    groups.sort_unstable();
    let mut start = 0;
    while start < groups.len() {
        let parent = groups[start].0;
        let end = start
            + groups[start..]
                .iter()
                .take_while(|group| group.0 == parent)
                .count();
        let mut places: Vec<usize> = groups[start..end].iter().map(|group| group.2).collect();
        places.sort_unstable();
        // Members by edge (declaration order), onto the places in order.
        let members: Vec<usize> = groups[start..end]
            .iter()
            .map(|group| row[group.2])
            .collect();
        for (member, place) in members.into_iter().zip(places) {
            row[place] = member;
        }
        start = end;
    }
}

/// Swaps neighbours in a row wherever that removes crossings (and they
/// are not two siblings, whose order is fixed), until no swap helps.
fn transpose(layered: &mut Layered, position: &mut [usize]) {
    let mut improved = true;
    let mut rounds = 0;
    while improved && rounds < 12 {
        improved = false;
        rounds += 1;
        for row in 0..layered.rows.len() {
            for place in 0..layered.rows[row].len().saturating_sub(1) {
                let (left, right) = (layered.rows[row][place], layered.rows[row][place + 1]);
                if let (Some((a, _)), Some((b, _))) =
                    (layered.sibling_of[left], layered.sibling_of[right])
                    && a == b
                {
                    continue;
                }
                let now = pair_crossings(layered, left, right, position);
                let swapped = pair_crossings(layered, right, left, position);
                if swapped < now {
                    layered.rows[row].swap(place, place + 1);
                    position[left] = place + 1;
                    position[right] = place;
                    improved = true;
                }
            }
        }
    }
}

/// Rows longer than this are not sifted: sifting costs the square of a
/// row's length, and a row that long has its order from the sweeps.
const MOST_SIFTED: usize = 400;

/// Moves each vertex, one at a time, to the place in its row where its
/// edges cross the fewest others (a sibling stays between its siblings),
/// until no move helps.
fn sift(layered: &mut Layered, position: &mut [usize]) {
    for _ in 0..4 {
        let mut moved = false;
        for row in 0..layered.rows.len() {
            if layered.rows[row].len() > MOST_SIFTED {
                continue;
            }
            let vertices = layered.rows[row].clone();
            for vertex in vertices {
                moved |= sift_one(layered, row, vertex, position);
            }
        }
        if !moved {
            break;
        }
    }
}

/// Moves `vertex` to its best place in `row`; whether it moved.
fn sift_one(layered: &mut Layered, row: usize, vertex: usize, position: &mut [usize]) -> bool {
    let others: Vec<usize> = layered.rows[row]
        .iter()
        .copied()
        .filter(|&other| other != vertex)
        .collect();
    // Where a sibling may go: after its elder siblings, before its
    // younger ones.
    let (mut lowest, mut highest) = (0, others.len());
    if let Some((parent, edge)) = layered.sibling_of[vertex] {
        for (place, &other) in others.iter().enumerate() {
            if let Some((other_parent, other_edge)) = layered.sibling_of[other]
                && other_parent == parent
            {
                if other_edge < edge {
                    lowest = lowest.max(place + 1);
                } else {
                    highest = highest.min(place);
                }
            }
        }
    }
    // cost(p): the crossings with `vertex` inserted before others[p].
    let mut cost: usize = others
        .iter()
        .map(|&other| pair_crossings(layered, vertex, other, position))
        .sum();
    let current = position[vertex];
    let mut best = (if lowest == 0 { cost } else { usize::MAX }, 0);
    let mut current_cost = if current == 0 { cost } else { usize::MAX };
    for (place, &other) in others.iter().enumerate() {
        cost = cost + pair_crossings(layered, other, vertex, position)
            - pair_crossings(layered, vertex, other, position);
        let at = place + 1;
        if at == current {
            current_cost = cost;
        }
        if (lowest..=highest).contains(&at) && cost < best.0 {
            best = (cost, at);
        }
    }
    if best.0 >= current_cost {
        return false;
    }
    let mut new_row = others;
    new_row.insert(best.1, vertex);
    for (place, &other) in new_row.iter().enumerate() {
        position[other] = place;
    }
    layered.rows[row] = new_row;
    true
}

/// Graphs with more vertices than this skip the chain shifts, which
/// recount whole rows for every try.
const MOST_SHIFTED: usize = 2_000;

/// Moves two linked dummies of one edge, in consecutive rows, one place
/// left or right together, wherever that removes crossings: an edge that
/// runs on the wrong side of a box in two rows at once is a crossing no
/// single move can take away.
fn shift_chains(layered: &mut Layered, position: &mut [usize]) {
    if layered.vertices.len() > MOST_SHIFTED {
        return;
    }
    for _ in 0..4 {
        let mut moved = false;
        for upper in 0..layered.vertices.len() {
            if !matches!(layered.vertices[upper], Vertex::Dummy { .. }) {
                continue;
            }
            let [lower] = layered.down[upper][..] else {
                continue;
            };
            if !matches!(layered.vertices[lower], Vertex::Dummy { .. }) {
                continue;
            }
            let row = layered.row_of[upper];
            for step in [-1_isize, 1] {
                let before = local_crossings(layered, row, position);
                if !swap_toward(layered, upper, step, position) {
                    continue;
                }
                if !swap_toward(layered, lower, step, position) {
                    swap_toward(layered, upper, -step, position);
                    continue;
                }
                if local_crossings(layered, row, position) < before {
                    moved = true;
                    break;
                }
                swap_toward(layered, lower, -step, position);
                swap_toward(layered, upper, -step, position);
            }
        }
        if !moved {
            break;
        }
    }
}

/// The crossings in the three gaps around rows `row` and `row + 1`.
fn local_crossings(layered: &Layered, row: usize, position: &[usize]) -> usize {
    row.checked_sub(1)
        .map_or(0, |above| crossings_below(layered, above, position))
        + crossings_below(layered, row, position)
        + crossings_below(layered, row + 1, position)
}

/// Swaps `vertex` with its neighbour on the `step` side (-1 left, 1
/// right), unless there is none or the two are siblings, whose order is
/// fixed; whether it swapped.
fn swap_toward(layered: &mut Layered, vertex: usize, step: isize, position: &mut [usize]) -> bool {
    let row = layered.row_of[vertex];
    let place = position[vertex];
    let Some(other_place) = place.checked_add_signed(step) else {
        return false;
    };
    let Some(&other) = layered.rows[row].get(other_place) else {
        return false;
    };
    if let (Some((a, _)), Some((b, _))) = (layered.sibling_of[vertex], layered.sibling_of[other])
        && a == b
    {
        return false;
    }
    layered.rows[row].swap(place, other_place);
    position[vertex] = other_place;
    position[other] = place;
    true
}

/// The crossings between the edges of `left` and those of `right` if
/// `left` stands just left of `right`, above and below.
fn pair_crossings(layered: &Layered, left: usize, right: usize, position: &[usize]) -> usize {
    let mut crossings = 0;
    for lists in [&layered.up, &layered.down] {
        for &a in &lists[left] {
            for &b in &lists[right] {
                if position[b] < position[a] {
                    crossings += 1;
                }
            }
        }
    }
    crossings
}

fn refresh_positions(layered: &Layered, position: &mut [usize]) {
    for row in &layered.rows {
        for (place, &vertex) in row.iter().enumerate() {
            position[vertex] = place;
        }
    }
}

/// How many pairs of links cross between consecutive rows, over all rows.
pub(super) fn count_crossings(layered: &Layered, position: &[usize]) -> usize {
    (0..layered.rows.len().saturating_sub(1))
        .map(|row| crossings_below(layered, row, position))
        .sum()
}

/// How many pairs of links between `row` and the row below cross: the
/// inversions among the links sorted by their upper end, counted with a
/// Fenwick tree.
fn crossings_below(layered: &Layered, row: usize, position: &[usize]) -> usize {
    let Some(lower_row) = layered.rows.get(row + 1) else {
        return 0;
    };
    let below = lower_row.len();
    let mut links: Vec<(usize, usize)> = Vec::new();
    for &upper in &layered.rows[row] {
        for &lower in &layered.down[upper] {
            links.push((position[upper], position[lower]));
        }
    }
    links.sort_unstable();
    let mut tree = vec![0_usize; below + 1];
    let mut total = 0;
    for (seen, &(_, lower)) in links.iter().enumerate() {
        // Links seen so far whose lower end is right of this one's.
        let mut at_or_left = 0;
        let mut index = lower + 1;
        while index > 0 {
            at_or_left += tree[index];
            index &= index - 1;
        }
        total += seen - at_or_left;
        let mut index = lower + 1;
        while index <= below {
            tree[index] += 1;
            index += index & index.wrapping_neg();
        }
    }
    total
}
