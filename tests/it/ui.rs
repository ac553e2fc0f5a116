//! Compile-fail cases: each `tests/ui/*.rs` must fail to build with the
//! error recorded next to it in a `.stderr` file.

#[test]
#[cfg_attr(miri, ignore = "trybuild runs the compiler, which Miri cannot do")]
#[cfg_attr(
    not(debug_assertions),
    ignore = "the expected errors name debug-only fields; run in the dev profile"
)]
fn compile_fail_cases() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/*.rs");
}
