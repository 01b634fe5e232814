//! Rules: every problem in the plan or a report becomes a [`crate::diag::Diagnostic`].

pub mod plan;
