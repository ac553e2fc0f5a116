//! The paired measurement the benches judge ratios by, shared by every bench.
//!
//! On a shared virtual machine the speed of the same code drifts by tens of
//! percent between the seconds criterion spends on one side and the seconds
//! it then spends on the other. Timing short rounds of the two sides in
//! alternation, swapping which goes first, and taking the median of the
//! per-round ratios cancels that drift.

/// The median and the middle half of a set of ratios.
#[derive(Clone, Copy)]
pub(crate) struct Quartiles {
    pub(crate) lower: f64,
    pub(crate) median: f64,
    pub(crate) upper: f64,
}

/// Times `rounds` alternating rounds of the two sides and returns the
/// quartiles of the ours/baseline time ratio per round. Each closure runs
/// one round of its side and returns the seconds it took; both are called
/// once first, untimed, to warm up.
pub(crate) fn ratios(
    rounds: usize,
    mut baseline_time: impl FnMut() -> f64,
    mut ours_time: impl FnMut() -> f64,
) -> Quartiles {
    baseline_time();
    ours_time();
    let mut ratios: Vec<f64> = (0..rounds)
        .map(|round| {
            let (baseline, ours) = if round % 2 == 0 {
                let baseline = baseline_time();
                (baseline, ours_time())
            } else {
                let ours = ours_time();
                (baseline_time(), ours)
            };
            ours / baseline
        })
        .collect();
    ratios.sort_by(f64::total_cmp);
    let at = |fraction: f64| ratios[((ratios.len() - 1) as f64 * fraction) as usize];
    Quartiles {
        lower: at(0.25),
        median: at(0.5),
        upper: at(0.75),
    }
}

/// Prints `heading` and a Markdown table of the named ratios.
pub(crate) fn print_table(heading: &str, rows: &[(String, Quartiles)]) {
    println!("\n{heading}\n");
    println!("| operation | median ratio | middle half |");
    println!("|---|---:|---|");
    for (name, ratio) in rows {
        println!(
            "| {name} | {:.3} | {:.3} – {:.3} |",
            ratio.median, ratio.lower, ratio.upper
        );
    }
}
