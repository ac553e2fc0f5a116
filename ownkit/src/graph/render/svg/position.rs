//! Step 4 of the layout: each vertex's x, its anchor (a box's centre, the
//! line of an edge passing a row).

use alloc_crate::vec;
use alloc_crate::vec::Vec;

use super::layout::{Layered, Vertex};

/// Passes down and up the rows, pulling vertices towards their neighbours.
const PASSES: usize = 8;

/// How strongly a dummy holds its line straight, against a box's pull: a
/// long edge that zigzags is harder to follow than a box a little off
/// centre (Graphviz weighs them alike).
const DUMMY_WEIGHT: f64 = 4.0;

/// Every vertex's anchor x, the leftmost edge of the drawing at 0.
pub(super) fn assign(layered: &Layered) -> Vec<f64> {
    let mut x = vec![0.0_f64; layered.vertices.len()];
    // Packed to the left to start with.
    for row in &layered.rows {
        let mut at = 0.0;
        for (place, &vertex) in row.iter().enumerate() {
            if place > 0 {
                at += layered.separation(row[place - 1], vertex);
            } else {
                at = layered.anchor_offset(vertex, true);
            }
            x[vertex] = at;
        }
    }
    for pass in 0..PASSES {
        let downward = pass % 2 == 0;
        let rows: Vec<usize> = if downward {
            (1..layered.rows.len()).collect()
        } else {
            (0..layered.rows.len().saturating_sub(1)).rev().collect()
        };
        for row in rows {
            let wanted: Vec<f64> = layered.rows[row]
                .iter()
                .map(|&vertex| {
                    let neighbours = if downward {
                        &layered.up[vertex]
                    } else {
                        &layered.down[vertex]
                    };
                    if neighbours.is_empty() {
                        x[vertex]
                    } else {
                        neighbours.iter().map(|&other| x[other]).sum::<f64>()
                            / neighbours.len() as f64
                    }
                })
                .collect();
            fit_row(layered, row, &wanted, &mut x);
        }
    }
    // A last pass that weighs both sides, so that neither the top nor the
    // bottom rows have the last word.
    for row in 0..layered.rows.len() {
        let wanted: Vec<f64> = layered.rows[row]
            .iter()
            .map(|&vertex| {
                let neighbours = layered.up[vertex].iter().chain(&layered.down[vertex]);
                let (sum, count) = neighbours.fold((0.0, 0_u32), |(sum, count), &other| {
                    (sum + x[other], count + 1)
                });
                if count == 0 {
                    x[vertex]
                } else {
                    sum / f64::from(count)
                }
            })
            .collect();
        fit_row(layered, row, &wanted, &mut x);
    }
    let left = (0..layered.vertices.len())
        .map(|vertex| x[vertex] - layered.anchor_offset(vertex, true))
        .fold(f64::INFINITY, f64::min);
    if left.is_finite() {
        for value in &mut x {
            *value -= left;
        }
    }
    x
}

/// Places row `row` as near to `wanted` as its order and separations
/// allow, in the least-squares sense (weighted): with `x_i = y_i + S_i`,
/// where `S_i` adds up the separations before vertex `i`, the constraints
/// become `y_i <= y_{i+1}`, and the best `y` is the isotonic regression of
/// `wanted_i - S_i`, which pooling adjacent violators finds in one pass.
fn fit_row(layered: &Layered, row: usize, wanted: &[f64], x: &mut [f64]) {
    let vertices = &layered.rows[row];
    if vertices.is_empty() {
        return;
    }
    let mut offset = vec![0.0_f64; vertices.len()];
    for place in 1..vertices.len() {
        offset[place] =
            offset[place - 1] + layered.separation(vertices[place - 1], vertices[place]);
    }
    // Blocks of pooled places: (mean, weight, first place, last place).
    let mut blocks: Vec<(f64, f64, usize, usize)> = Vec::with_capacity(vertices.len());
    for (place, &vertex) in vertices.iter().enumerate() {
        let weight = match layered.vertices[vertex] {
            Vertex::Box(_) => 1.0,
            Vertex::Dummy { .. } => DUMMY_WEIGHT,
        };
        let mut block = (wanted[place] - offset[place], weight, place, place);
        while let Some(&last) = blocks.last() {
            if last.0 <= block.0 {
                break;
            }
            blocks.pop();
            let weight = last.1 + block.1;
            block = (
                (last.0 * last.1 + block.0 * block.1) / weight,
                weight,
                last.2,
                block.3,
            );
        }
        blocks.push(block);
    }
    for (mean, _, first, last) in blocks {
        for place in first..=last {
            x[vertices[place]] = mean + offset[place];
        }
    }
}
