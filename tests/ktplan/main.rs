//! The integration tests of `ktplan`: each runs the real binary on a data repository
//! written into a temporary folder and asserts exactly what its users see.

mod builder;
mod consolidate;
mod plan;
mod shipped;
