//! Who leads, supports and reports what in each year, worked out once per run so that
//! each report row is checked in constant time. The answers are those of
//! [`Plan::role`], [`Plan::row_role`], [`Plan::reports_indicator`], [`Plan::tasks_of`]
//! and [`Plan::indicators_of`], which expand every group on each call: fine for one
//! province, too slow for thousands of units and reports (a national roll-up).

use std::collections::HashMap;
use std::sync::OnceLock;

use chrono::NaiveDate;

use crate::model::{Indicator, Members, Plan, Role, Task, Unit};

/// The plan with its codes and ids indexed and its assignments worked out by year.
#[derive(Debug)]
pub struct Assignments<'p> {
    plan: &'p Plan,
    units: HashMap<&'p str, usize>,
    tasks: HashMap<&'p str, usize>,
    indicators: HashMap<&'p str, usize>,
    /// Per task: whether any unit may lead it, or support it (a `["*"]` group).
    open: Vec<(bool, bool)>,
    /// Per indicator: whether any unit may report it.
    open_reporters: Vec<bool>,
    /// Per task: the units (by index) its lead list names, groups expanded; then those
    /// its support list names.
    named: Vec<(Vec<usize>, Vec<usize>)>,
    /// Per indicator: the units (by index) its reporters list names.
    named_reporters: Vec<Vec<usize>>,
    /// The assignments of each plan year, worked out when first asked for.
    years: Vec<OnceLock<Year>>,
}

/// One year's assignments, one row per unit.
#[derive(Debug)]
struct Year {
    /// `roles[unit * tasks + task]`: the unit's own role in the task.
    roles: Vec<Option<Role>>,
    /// `reports[unit * indicators + indicator]`: the unit reports the indicator.
    reports: Vec<bool>,
}

/// One unit's duties in one year.
#[derive(Debug, Clone, Copy)]
pub struct Duties<'a> {
    assignments: &'a Assignments<'a>,
    year: Option<&'a Year>,
    unit: usize,
}

impl<'p> Assignments<'p> {
    /// Indexes the plan; each year's assignments are worked out on first use.
    pub fn new(plan: &'p Plan) -> Self {
        let mut units = HashMap::with_capacity(plan.units.len());
        for (i, unit) in plan.units.iter().enumerate() {
            // The first of two units with one code is the one `Plan::unit` finds.
            units.entry(unit.code.as_str()).or_insert(i);
        }
        let mut tasks = HashMap::with_capacity(plan.tasks.len());
        for (i, task) in plan.tasks.iter().enumerate() {
            tasks.entry(task.id.as_str()).or_insert(i);
        }
        let mut indicators = HashMap::with_capacity(plan.indicators.len());
        for (i, indicator) in plan.indicators.iter().enumerate() {
            indicators.entry(indicator.id.as_str()).or_insert(i);
        }
        let years = usize::try_from(plan.meta.end_year - plan.meta.start_year + 1).unwrap_or(0);
        // The units a list names, groups expanded (as `Plan::expand`, but a unit named
        // twice may come twice: marking a role twice changes nothing).
        let named = |codes: &[String]| -> Vec<usize> {
            let mut out = Vec::new();
            for code in codes {
                match plan.group(code).map(|g| &g.members) {
                    Some(Members::Units(members)) => {
                        out.extend(members.iter().filter_map(|m| units.get(m.as_str())));
                    }
                    Some(Members::Any) => {}
                    None => out.extend(units.get(code.as_str())),
                }
            }
            out
        };
        Assignments {
            plan,
            named: plan
                .tasks
                .iter()
                .map(|t| (named(&t.lead), named(&t.support)))
                .collect(),
            named_reporters: plan
                .indicators
                .iter()
                .map(|i| named(&i.reporters))
                .collect(),
            units,
            tasks,
            indicators,
            open: plan
                .tasks
                .iter()
                .map(|t| (plan.is_open(&t.lead), plan.is_open(&t.support)))
                .collect(),
            open_reporters: plan
                .indicators
                .iter()
                .map(|i| plan.is_open(&i.reporters))
                .collect(),
            years: (0..years).map(|_| OnceLock::new()).collect(),
        }
    }

    /// The plan.
    pub fn plan(&self) -> &'p Plan {
        self.plan
    }

    /// The unit with this code.
    pub fn unit(&self, code: &str) -> Option<&'p Unit> {
        self.units.get(code).map(|&i| &self.plan.units[i])
    }

    /// The task with this id, with its index in the plan.
    pub fn task(&self, id: &str) -> Option<(usize, &'p Task)> {
        self.tasks.get(id).map(|&i| (i, &self.plan.tasks[i]))
    }

    /// The indicator with this id, with its index in the plan.
    pub fn indicator(&self, id: &str) -> Option<(usize, &'p Indicator)> {
        self.indicators
            .get(id)
            .map(|&i| (i, &self.plan.indicators[i]))
    }

    /// The duties of a unit in a year; a unit or year the plan does not know has none.
    pub fn of(&self, unit: &str, year: i32) -> Duties<'_> {
        let year = self.year(year);
        match self.units.get(unit) {
            Some(&unit) => Duties {
                assignments: self,
                year,
                unit,
            },
            None => Duties {
                assignments: self,
                year: None,
                unit: 0,
            },
        }
    }

    /// Works out every unit's role in every task, and who reports each indicator.
    /// The units that lead task `task` (by index) in `year`, in the plan's unit order:
    /// [`Plan::holders`] of its lead list, looked up in the year's table.
    pub fn leads(&self, task: usize, year: i32) -> Vec<&'p Unit> {
        let plan = self.plan;
        (0..plan.units.len())
            .filter(|&u| {
                let duties = Duties {
                    assignments: self,
                    year: self.year(year),
                    unit: u,
                };
                duties.role(task) == Some(Role::Lead)
            })
            .map(|u| &plan.units[u])
            .collect()
    }

    /// The units expected to report for `year`, in the plan's unit order: the same as
    /// [`Plan::expected_units`], from the year's table.
    pub fn expected_units(&self, year: i32) -> Vec<&'p Unit> {
        let plan = self.plan;
        let year_table = self.year(year);
        (0..plan.units.len())
            .filter(|&u| plan.units[u].reports)
            .filter(|&u| {
                let duties = Duties {
                    assignments: self,
                    year: year_table,
                    unit: u,
                };
                duties.tasks().next().is_some() || duties.indicators().next().is_some()
            })
            .map(|u| &plan.units[u])
            .collect()
    }

    /// The table of `year`, worked out on first use; `None` outside the plan.
    fn year(&self, year: i32) -> Option<&Year> {
        let index = usize::try_from(year - self.plan.meta.start_year).ok()?;
        self.years
            .get(index)
            .map(|cell| cell.get_or_init(|| self.work_out(year)))
    }

    fn work_out(&self, year: i32) -> Year {
        let plan = self.plan;
        let due = plan.due_date(year);
        let holder: Vec<Option<usize>> =
            (0..plan.units.len()).map(|i| self.holder(i, due)).collect();
        let (units, tasks, indicators) =
            (plan.units.len(), plan.tasks.len(), plan.indicators.len());
        let mut roles = vec![None; units * tasks];
        let mut reports = vec![false; units * indicators];
        // As `Plan::holders`: each named unit's holder that year.
        let holders = |named: &[usize]| -> Vec<usize> {
            named.iter().filter_map(|&unit| holder[unit]).collect()
        };
        for (t, (lead, support)) in self.named.iter().enumerate() {
            for unit in holders(lead) {
                roles[unit * tasks + t] = Some(Role::Lead);
            }
            for unit in holders(support) {
                roles[unit * tasks + t].get_or_insert(Role::Support);
            }
        }
        for (i, named) in self.named_reporters.iter().enumerate() {
            for unit in holders(named) {
                reports[unit * indicators + i] = true;
            }
        }
        Year { roles, reports }
    }

    /// Who holds unit `index`'s assignments on `due`, as [`Plan::holder`] says.
    fn holder(&self, index: usize, due: NaiveDate) -> Option<usize> {
        let units = &self.plan.units;
        let mut current = index;
        for _ in 0..=units.len() {
            let unit = &units[current];
            match (&unit.successor, unit.until) {
                (Some(next), Some(until)) if until < due => {
                    current = *self.units.get(next.as_str())?;
                }
                _ => break,
            }
        }
        units[current].exists_on(due).then_some(current)
    }
}

impl<'a> Duties<'a> {
    /// The unit's own role in task `task` (by index); lead wins when it is both.
    pub fn role(&self, task: usize) -> Option<Role> {
        let tasks = self.assignments.plan.tasks.len();
        self.year
            .and_then(|y| y.roles.get(self.unit * tasks + task).copied())
            .flatten()
    }

    /// The role a row of this unit plays in task `task`: its own, or, where the task
    /// is open to any unit, lead when the lead list is open and support otherwise.
    pub fn row_role(&self, task: usize) -> Option<Role> {
        self.role(task)
            .or_else(|| match self.assignments.open.get(task) {
                Some((true, _)) => Some(Role::Lead),
                Some((false, true)) => Some(Role::Support),
                _ => None,
            })
    }

    /// True when the unit reports indicator `indicator` (by index) itself, not only as
    /// any unit may.
    pub fn owes_indicator(&self, indicator: usize) -> bool {
        let indicators = self.assignments.plan.indicators.len();
        self.year
            .and_then(|y| y.reports.get(self.unit * indicators + indicator).copied())
            .unwrap_or(false)
    }

    /// True when a row of this unit may give indicator `indicator`.
    pub fn may_report(&self, indicator: usize) -> bool {
        self.owes_indicator(indicator)
            || self
                .assignments
                .open_reporters
                .get(indicator)
                .copied()
                .unwrap_or(false)
    }

    /// The tasks the unit leads or supports, with its role, in plan order.
    pub fn tasks(&self) -> impl Iterator<Item = (&'a Task, Role)> + '_ {
        let plan = self.assignments.plan;
        (0..plan.tasks.len()).filter_map(move |t| self.role(t).map(|r| (&plan.tasks[t], r)))
    }

    /// The indicators the unit reports itself, in plan order.
    pub fn indicators(&self) -> impl Iterator<Item = &'a Indicator> + '_ {
        let plan = self.assignments.plan;
        (0..plan.indicators.len())
            .filter(move |&i| self.owes_indicator(i))
            .map(move |i| &plan.indicators[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::shipped_plan as shipped;

    /// Every answer agrees with the plan's own methods, for every unit in every year
    /// (the shipped plan has successors, groups and groups open to any unit).
    #[test]
    fn agrees_with_the_plan_on_the_shipped_plan() {
        let plan = shipped();
        let index = Assignments::new(&plan);
        for year in plan.years() {
            let codes = |units: Vec<&Unit>| -> Vec<String> {
                units.iter().map(|u| u.code.clone()).collect()
            };
            assert_eq!(
                codes(index.expected_units(year)),
                codes(plan.expected_units(year))
            );
            for unit in &plan.units {
                let duties = index.of(&unit.code, year);
                for (t, task) in plan.tasks.iter().enumerate() {
                    assert_eq!(duties.role(t), plan.role(task, &unit.code, year));
                    assert_eq!(duties.row_role(t), plan.row_role(task, &unit.code, year));
                    let leads = |units: Vec<&Unit>| {
                        let mut codes: Vec<String> = units.iter().map(|u| u.code.clone()).collect();
                        codes.sort();
                        codes
                    };
                    assert_eq!(
                        leads(index.leads(t, year)),
                        leads(plan.holders(&task.lead, year))
                    );
                }
                for (i, indicator) in plan.indicators.iter().enumerate() {
                    assert_eq!(
                        duties.may_report(i),
                        plan.reports_indicator(indicator, &unit.code, year)
                    );
                }
                let ids = |v: Vec<(&Task, Role)>| -> Vec<(String, Role)> {
                    v.into_iter().map(|(t, r)| (t.id.clone(), r)).collect()
                };
                assert_eq!(
                    ids(duties.tasks().collect()),
                    ids(plan.tasks_of(&unit.code, year))
                );
                let ids: Vec<&str> = duties.indicators().map(|i| i.id.as_str()).collect();
                let expected: Vec<&str> = plan
                    .indicators_of(&unit.code, year)
                    .iter()
                    .map(|i| i.id.as_str())
                    .collect();
                assert_eq!(ids, expected);
            }
        }
    }

    #[test]
    fn unknown_units_and_years_have_no_duties() {
        let plan = shipped();
        let index = Assignments::new(&plan);
        let nobody = index.of("NOBODY", 2024);
        assert_eq!(nobody.tasks().count(), 0);
        assert_eq!(nobody.indicators().count(), 0);
        assert_eq!(index.of("STC", 1999).tasks().count(), 0);
        assert!(index.task("3.1").is_some() && index.task("9.9").is_none());
        assert!(index.indicator("TFP_SHARE").is_some());
    }
}
